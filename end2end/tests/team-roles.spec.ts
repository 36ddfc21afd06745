import { expect, test } from "@playwright/test";
import { soloOwner } from "./pages/login-page";
import { signInToManageUsers } from "./pages/manage-users-page";
import { AddTeamMembersPage, TeamTable } from "./pages/team-page";

// This spec owns "Solo Practice", whose Owner starts as its only Administrator.

test("add a member with two roles, change roles through the dropdown (kept on reload), and the last Administrator cannot be removed", async ({ page }) => {
  const manage = await signInToManageUsers(page, soloOwner);
  await manage.tab("Team Members").click();
  const team = new TeamTable(page);
  await expect(page.getByRole("table", { name: "Team Members" })).toBeVisible();

  await page.getByRole("link", { name: "Add Team Member" }).click();
  await expect(page.getByRole("heading", { name: "Create New Members" })).toBeVisible();
  const run = Date.now();
  const name = `Mira Roles${run}`;
  const form = new AddTeamMembersPage(page);
  await expect(form.submitButton()).toHaveText("Create Account");
  await form.fill(1, { first: "Mira", last: `Roles${run}`, email: `mira.${run}@team.example`, roles: ["Practitioner", "Billing Administrator"] });
  await form.submitButton().click();
  await expect(page.getByRole("status").filter({ hasText: "Success! Team Members have been created!" })).toBeVisible();
  await expect(team.row(name)).toContainText("Practitioner, Billing Administrator");

  // The Owner is the only Administrator: unticking their Administrator box is refused.
  const owner = await team.openPicker("Roles", "Sol Owner");
  // The boxes show what is saved: they change once the server agrees, and stay put when it refuses.
  await owner.getByRole("checkbox", { name: "Administrator", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("must keep at least one Administrator");
  await expect(owner.getByRole("checkbox", { name: "Administrator", exact: true })).toBeChecked();
  await team.closePicker();

  // Each tick saves at once, with a confirmation, and survives a reload.
  const roles = await team.openPicker("Roles", name);
  await roles.getByRole("checkbox", { name: "Billing Administrator" }).click();
  await expect(page.getByRole("status")).toHaveText(`Success! ${name}'s roles are now Practitioner.`);
  await expect(roles.getByRole("checkbox", { name: "Billing Administrator" })).not.toBeChecked();
  await roles.getByRole("checkbox", { name: "Administrator", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(`Success! ${name}'s roles are now Practitioner and Administrator.`);
  await expect(roles.getByRole("checkbox", { name: "Administrator", exact: true })).toBeChecked();
  await team.closePicker();
  await page.reload();
  await expect(page.locator(".app[data-hydrated=true]")).toBeVisible();
  await expect(team.row(name).getByRole("button", { name: `Roles for ${name}` })).toHaveText(/Practitioner, Administrator/);

  // The audit log has every change, filtered to the new member.
  await page.goto("/manage-users/audit-log");
  await expect(page.locator(".app[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Person").selectOption({ label: name });
  await expect(page).toHaveURL(/person=\d+/);
  const log = page.getByRole("table", { name: "Audit log" });
  await expect(log.locator("tbody tr")).toHaveCount(3);
  await expect(log).toContainText("Team member created");
  await expect(log).toContainText("Practitioner (was Practitioner and Billing Administrator)");
  await expect(log).toContainText("Practitioner and Administrator (was Practitioner)");
});
