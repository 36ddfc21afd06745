import { expect, test } from "@playwright/test";
import { admin } from "./pages/login-page";
import { ClientsTable, signInToManageUsers } from "./pages/manage-users-page";

test("a sign-up request waits in Pending, is accepted, and the person is Active", async ({ page, browser }) => {
  const run = Date.now();
  const email = `cal.${run}@join.example`;
  const visitor = await browser.newContext();
  const join = await visitor.newPage();
  await join.goto("/join/harbor-health-coaching");
  await expect(join.getByRole("heading", { name: "Join Harbor Health Coaching" })).toBeVisible();
  await expect(join.locator(".app[data-hydrated=true]")).toBeVisible();
  await join.getByLabel("First Name").fill("Cal");
  await join.getByLabel("Last Name").fill(`Joiner${run}`);
  await join.getByLabel("Email").fill(email);
  await join.getByLabel("Date of Birth").fill("1988-02-29");
  await join.getByLabel("Sex at Birth").selectOption({ label: "Male" });
  await join.getByLabel("Password").fill("Cal-pass-2026!");
  await join.getByRole("button", { name: "Send Request" }).click();
  await expect(join.getByRole("status")).toContainText("Your request has been sent");
  await visitor.close();

  await signInToManageUsers(page, admin);
  const table = new ClientsTable(page);
  await table.show("Pending");
  await table.search(email);
  await expect(table.rows()).toHaveCount(1);
  await expect(table.rows().first()).toContainText("Sign-up request");
  const active = await table.activeCount();
  await table.rows().first().getByRole("checkbox").check();
  await table.chooseAction("Accept Requests");
  await expect(page.getByRole("status").filter({ hasText: "Success! 1 request has been accepted." })).toBeVisible();
  await expect(table.rows()).toHaveCount(0);
  await expect.poll(() => table.activeCount()).toBe(active + 1);
  await table.show("Active");
  await expect(table.rows()).toHaveCount(1);
  await expect(table.rows().first()).toContainText(`Cal Joiner${run}`);
});
