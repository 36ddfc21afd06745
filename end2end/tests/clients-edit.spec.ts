import { expect, test } from "@playwright/test";
import { admin } from "./pages/login-page";
import { ClientsTable, signInToManageUsers } from "./pages/manage-users-page";

// Client n of the seeded demo has the email first.last.n@example.com; this spec owns n = 1 and 2.

test("edit a client inline: Save stores the change, Cancel and Escape leave it as it was", async ({ page }) => {
  const manage = await signInToManageUsers(page, admin);
  const table = new ClientsTable(page);
  await table.search(".1@example.com");
  await expect(table.rows()).toHaveCount(1);
  const row = table.rows().first();
  const newLast = `Saved${Date.now()}`;

  await row.getByRole("button", { name: /^Edit / }).click();
  await expect(row.getByLabel("Last Name")).toBeVisible();
  await row.getByLabel("Last Name").fill(newLast);
  await row.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "has been saved" })).toBeVisible();
  await expect(row).toContainText(newLast);
  await expect(row.getByLabel("Last Name")).toHaveCount(0);

  // The change is in the database: a fresh page rendered by the server shows it.
  await page.reload();
  await manage.expectLoaded();
  await expect(table.rows().first()).toContainText(newLast);

  // Cancel throws the typing away.
  await row.getByRole("button", { name: /^Edit / }).click();
  await row.getByLabel("Last Name").fill("ShouldNotStick");
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toContainText(newLast);
  // So does Escape; Enter saves.
  await row.getByRole("button", { name: /^Edit / }).click();
  await row.getByLabel("Last Name").fill("AlsoNotStick");
  await row.getByLabel("Last Name").press("Escape");
  await expect(row.getByLabel("Last Name")).toHaveCount(0);
  await page.reload();
  await manage.expectLoaded();
  await expect(table.rows().first()).toContainText(newLast);
  await expect(table.rows().first()).not.toContainText("NotStick");
});

test("bad input is shown beside its field and nothing is saved", async ({ page }) => {
  await signInToManageUsers(page, admin);
  const table = new ClientsTable(page);
  await table.search(".2@example.com");
  const row = table.rows().first();
  const before = await row.textContent();
  await row.getByRole("button", { name: /^Edit / }).click();
  await row.getByLabel("Email", { exact: true }).fill("not-an-email");
  await row.getByLabel("First Name").fill("");
  await row.getByLabel("First Name").press("Enter");
  await expect(row.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(row).toContainText("Enter an email like name@example.com");
  await expect(row).toContainText("First Name is required");
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toHaveText(before ?? "");
});

test("a save made while someone else changed the client is reported, and their change is kept", async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  await signInToManageUsers(first, admin);
  await signInToManageUsers(second, admin);
  const mine = new ClientsTable(first);
  const theirs = new ClientsTable(second);
  await mine.search(".3@example.com");
  await theirs.search(".3@example.com");

  // Both open the editor on the same version; they save first.
  await mine.rows().first().getByRole("button", { name: /^Edit / }).click();
  await theirs.rows().first().getByRole("button", { name: /^Edit / }).click();
  const theirName = `Theirs${Date.now()}`;
  await theirs.rows().first().getByLabel("Last Name").fill(theirName);
  await theirs.rows().first().getByRole("button", { name: "Save" }).click();
  await expect(theirs.rows().first()).toContainText(theirName);

  await mine.rows().first().getByLabel("Last Name").fill("Mine");
  await mine.rows().first().getByRole("button", { name: "Save" }).click();
  await expect(first.getByRole("alert")).toContainText("Someone else saved this client while you were editing");
  await expect(first.getByRole("alert")).toContainText(theirName);
  // Nothing was lost: my typing is still in the form, and the server kept their version.
  await expect(mine.rows().first().getByLabel("Last Name")).toHaveValue("Mine");
  await mine.rows().first().getByRole("button", { name: "Cancel" }).click();
  await expect(mine.rows().first()).toContainText(theirName);
  await first.close();
  await second.close();
});

test("Edit User in the action menu opens the inline editor for the one selected client", async ({ page }) => {
  await signInToManageUsers(page, admin);
  const table = new ClientsTable(page);
  await table.search(".5@example.com");
  const row = table.rows().first();
  await row.getByRole("checkbox").check();
  await table.chooseAction("Edit User");
  await expect(row.getByLabel("First Name")).toBeFocused();
  await row.getByRole("button", { name: "Cancel" }).click();
});
