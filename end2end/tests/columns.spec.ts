import { expect, test } from "@playwright/test";
import { columnsAdmin } from "./pages/login-page";
import { ClientsTable, signInToManageUsers } from "./pages/manage-users-page";

const DEFAULT = ["Name", "Email", "Date of Birth", "Sex at Birth", "Tags", "External ID", "Registered", "Created"];

test("toggle a column off and on, drag one to a new place, reload keeps it, reset restores it", async ({ page }) => {
  const manage = await signInToManageUsers(page, columnsAdmin);
  const table = new ClientsTable(page);
  await expect.poll(() => table.columnOrder()).toEqual(DEFAULT);

  // Hide Email, then show it again: it comes back in its old place.
  await table.openColumnsMenu();
  const email = page.getByRole("menuitemcheckbox", { name: "Email" });
  await expect(email).toHaveAttribute("aria-checked", "true");
  await table.savingLayout(() => email.click());
  await expect(table.header("Email")).toHaveCount(0);
  await expect(email).toHaveAttribute("aria-checked", "false");
  await table.savingLayout(() => email.click());
  await expect.poll(() => table.columnOrder()).toEqual(DEFAULT);
  await page.keyboard.press("Escape");

  // Drag "Tags" onto "Email": Tags takes Email's place.
  await table.savingLayout(() => table.header("Tags").dragTo(table.header("Email")));
  const moved = ["Name", "Tags", "Email", "Date of Birth", "Sex at Birth", "External ID", "Registered", "Created"];
  await expect.poll(() => table.columnOrder()).toEqual(moved);

  // The keyboard way: Alt+ArrowRight on the Name header moves it one place right.
  await table.savingLayout(() => table.header("Name").getByRole("button").press("Alt+ArrowRight"));
  const keyed = ["Tags", "Name", "Email", "Date of Birth", "Sex at Birth", "External ID", "Registered", "Created"];
  await expect.poll(() => table.columnOrder()).toEqual(keyed);

  await page.reload();
  await manage.expectLoaded();
  await expect.poll(() => table.columnOrder()).toEqual(keyed);

  await table.openColumnsMenu();
  await table.savingLayout(() => page.getByRole("menuitem", { name: "Reset columns" }).click());
  await expect.poll(() => table.columnOrder()).toEqual(DEFAULT);
  await page.reload();
  await manage.expectLoaded();
  await expect.poll(() => table.columnOrder()).toEqual(DEFAULT);
});
