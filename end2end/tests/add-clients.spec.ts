import { expect, test } from "@playwright/test";
import { admin } from "./pages/login-page";
import { ClientsTable, ManageUsersPage, signInToManageUsers } from "./pages/manage-users-page";
import { AddClientsPage } from "./pages/onboarding-pages";

test("add three clients in one form with Add More and the trash button; a bad row blocks them all", async ({ page }) => {
  await signInToManageUsers(page, admin);
  const run = Date.now();
  const email = (name: string) => `${name}.${run}@add.example`;
  const tag = `Added ${run}`;

  await page.getByRole("link", { name: "Add Clients" }).click();
  await expect(page.getByRole("heading", { name: "Create New Clients" })).toBeVisible();
  const form = new AddClientsPage(page);
  await expect(form.submitButton()).toHaveText("Create Account");

  // Add More → 5 rows more, then the trash button takes three of them away again.
  await page.getByRole("button", { name: "Add More" }).click();
  await page.getByRole("menuitem", { name: "Add 5 rows" }).click();
  await expect(form.rows()).toHaveCount(6);
  for (const n of [6, 5, 4]) {
    await form.row(n).getByRole("button", { name: `Remove row ${n}` }).click();
  }
  await expect(form.rows()).toHaveCount(3);
  await expect(form.submitButton()).toHaveText("Create Accounts");

  await form.fill(1, { first: "Ada", last: `Added${run}`, email: email("ada"), dob: "1985-12-10", sex: "Female" });
  await form.fill(2, { first: "Grace", last: `Added${run}`, email: email("grace"), dob: "1976-12-09", sex: "Female" });
  await form.addTag(2, tag);
  await form.fill(3, { first: "Alan", last: `Added${run}`, email: "not-an-email", dob: "1992-06-23", sex: "Male" });

  await form.submitButton().click();
  await expect(form.row(3).getByText("Enter an email like name@example.com")).toBeVisible();
  await expect(form.row(3).getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert")).toContainText("Nothing was created yet");
  await expect(page).toHaveURL(/\/manage-users\/add-clients$/);

  // Nothing was created: the first two rows were held back too.
  const other = await page.context().newPage();
  await other.goto("/manage-users");
  await new ManageUsersPage(other).expectLoaded();
  const check = new ClientsTable(other);
  await check.search(`Added${run}`);
  await expect(check.rows()).toHaveCount(0);
  await other.close();

  await form.row(3).getByLabel("Email").fill(email("alan"));
  await form.submitButton().click();
  await expect(page).toHaveURL(/\/manage-users$/);
  await expect(page.getByRole("status").filter({ hasText: "Success! Clients have been created!" })).toHaveText(
    "Success! Clients have been created!",
  );
  const table = new ClientsTable(page);
  await table.search(`Added${run}`);
  await expect(table.rows()).toHaveCount(3);
  await expect(table.row("Grace")).toContainText(tag);
  await expect(table.row("Ada")).not.toContainText(tag);
});
