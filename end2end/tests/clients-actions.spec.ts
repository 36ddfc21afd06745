import { expect, test } from "@playwright/test";
import { admin } from "./pages/login-page";
import { ClientsTable, signInToManageUsers } from "./pages/manage-users-page";

// This spec owns the seeded clients whose external IDs start HH-000002 (clients 20–26, all active).

test("select three rows, Add Tags, Archive Clients, then Unarchive them; the meter follows", async ({ page }) => {
  await signInToManageUsers(page, admin);
  const table = new ClientsTable(page);
  await table.search("HH-000002");
  await expect(table.rows()).toHaveCount(7);
  const active = await table.activeCount();

  // Tick the first row, then shift-click the third: the range is selected.
  await table.rows().nth(0).getByRole("checkbox").click();
  await table.rows().nth(2).getByRole("checkbox").click({ modifiers: ["Shift"] });
  await expect(page.getByText("3 selected")).toBeVisible();
  const names = await Promise.all([0, 1, 2].map(async (i) => (await table.rows().nth(i).locator(".name-text").textContent()) ?? ""));

  const tag = `Cohort ${Date.now()}`;
  await table.chooseAction("Add Tags");
  const dialog = page.getByRole("dialog", { name: "Add Tags" });
  await dialog.getByLabel("New tag").fill(tag);
  await dialog.getByRole("button", { name: "Create Tag" }).click();
  await expect(dialog.getByRole("checkbox", { name: tag })).toBeChecked();
  await dialog.getByRole("button", { name: "Add Tags" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Success! Tags added to 3 clients." })).toBeVisible();
  for (const name of names) {
    await expect(table.row(name)).toContainText(tag);
  }

  // Ticking rows again and archiving them moves them to Archived.
  for (const name of names) {
    await table.row(name).getByRole("checkbox").check();
  }
  await table.chooseAction("Archive Clients");
  await expect(page.getByRole("status").filter({ hasText: "Success! 3 clients have been archived." })).toBeVisible();
  await expect(table.rows()).toHaveCount(4);
  await expect.poll(() => table.activeCount()).toBe(active - 3);

  await table.show("Archived");
  await expect(table.rows()).toHaveCount(3);
  for (const name of names) {
    await expect(table.row(name)).toContainText(tag);
  }
  await expect(table.row(names[0]).getByRole("button", { name: /^Edit / })).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Select all on this page" }).check();
  await table.chooseAction("Unarchive");
  await expect(page.getByRole("status").filter({ hasText: "Success! 3 clients have been unarchived." })).toBeVisible();
  await expect(table.rows()).toHaveCount(0);
  await expect.poll(() => table.activeCount()).toBe(active);

  await table.show("Active");
  await expect(table.rows()).toHaveCount(7);
});

test("deleting asks first, and Cancel deletes nothing", async ({ page }) => {
  await signInToManageUsers(page, admin);
  const table = new ClientsTable(page);
  await table.show("Archived");
  const count = await table.rows().count();
  expect(count).toBeGreaterThan(0);
  await table.rows().first().getByRole("checkbox").check();
  await table.chooseAction("Delete");
  const dialog = page.getByRole("dialog", { name: "Delete 1 client?" });
  await expect(dialog).toContainText("This cannot be undone.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(table.rows()).toHaveCount(count);
});

test("the Show menu gives each view's count", async ({ page }) => {
  await signInToManageUsers(page, admin);
  await page.getByRole("button", { name: /^Show: / }).click();
  for (const view of ["Active", "Pending", "Archived"]) {
    await expect(page.getByRole("menuitemradio", { name: new RegExp(`^${view} \\(\\d+\\)$`) })).toBeVisible();
  }
});
