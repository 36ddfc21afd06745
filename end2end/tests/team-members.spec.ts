import { expect, test } from "@playwright/test";
import { admin } from "./pages/login-page";
import { ClientsTable, signInToManageUsers } from "./pages/manage-users-page";
import { addRegisteredMember, TeamTable } from "./pages/team-page";

test("disconnect a member with the trash button: Yes, Success!, and their open session is over", async ({ page, browser }) => {
  await signInToManageUsers(page, admin);
  const run = Date.now();
  const member = { first: "Dina", last: `Disconnect${run}`, email: `dina.${run}@team.example`, roles: ["Practitioner"], password: "Dina-pass-2026!" };
  const name = `${member.first} ${member.last}`;
  const theirs = await addRegisteredMember(page, browser, member);
  await expect(theirs.page).toHaveURL(/\/clients$/);
  await expect(theirs.page.getByRole("heading", { name: "Clients" })).toBeVisible();

  const team = new TeamTable(page);
  await team.open();
  await team.row(name).getByRole("button", { name: `Disconnect ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Disconnect ${name}?` });
  await dialog.getByRole("button", { name: "No" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(team.row(name)).toHaveCount(1);
  await team.row(name).getByRole("button", { name: `Disconnect ${name}` }).click();
  await dialog.getByRole("button", { name: "Yes" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Success! ${name} has been disconnected.` })).toBeVisible();
  await expect(team.row(name)).toHaveCount(0);

  // Their open page can no longer reach anything: a reload lands on sign-in.
  await theirs.page.reload();
  await expect(theirs.page).toHaveURL(/\/login$/);
  await theirs.context.close();

  // An address from before the tab had its own still leads there, with its view.
  await page.goto("/manage-users?tab=team&show=archived");
  await expect(page).toHaveURL(/\/manage-users\/team\?show=archived$/);
  await expect(team.row(name)).toContainText("Archived");
  await page.goto("/manage-users/audit-log");
  await expect(page.locator(".app[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Person").selectOption({ label: name });
  await expect(page).toHaveURL(/person=\d+/);
  const log = page.getByRole("table", { name: "Audit log" });
  for (const action of ["Team member created", "Registered", "Signed in", "Team member disconnected"]) {
    await expect(log.getByText(action, { exact: true })).toBeVisible();
  }
});

test("a practitioner with a security tag sees exactly the clients carrying it", async ({ page, browser }) => {
  await signInToManageUsers(page, admin);
  const run = Date.now();
  const member = { first: "Tess", last: `Tagged${run}`, email: `tess.${run}@team.example`, roles: ["Practitioner"], password: "Tess-pass-2026!" };
  const name = `${member.first} ${member.last}`;
  const theirs = await addRegisteredMember(page, browser, member);

  // The admin gives Tess the security tag "Sleep".
  const team = new TeamTable(page);
  await team.open();
  await expect(team.row(name).getByRole("button", { name: `Security tags for ${name}` })).toHaveText(/All clients/);
  const tags = await team.openPicker("Security tags", name);
  await tags.getByRole("checkbox", { name: "Sleep", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(`Success! ${name} now sees clients tagged Sleep.`);
  await team.closePicker();

  // How many active clients carry Sleep, as the admin's tag filter counts them.
  await page.goto("/manage-users");
  await expect(page.locator(".app[data-hydrated=true]")).toBeVisible();
  await page.getByRole("combobox", { name: "Tag" }).selectOption({ label: "Sleep" });
  await expect(page).toHaveURL(/tag=/);
  const summary = page.getByText(/^Showing 1–\d+ of \d+$/);
  await expect(summary).toBeVisible();
  const expected = (await summary.textContent())?.split(" of ")[1];

  // Tess's Clients page: the same number, every row tagged Sleep, and no editing controls.
  await theirs.page.goto("/clients");
  await expect(theirs.page.locator(".app[data-hydrated=true]")).toBeVisible();
  const mine = new ClientsTable(theirs.page);
  await expect(theirs.page.getByText(new RegExp(`^Showing 1–\\d+ of ${expected}$`))).toBeVisible();
  const rows = theirs.page.locator("table[aria-label=Clients] tbody tr");
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(rows.nth(i).locator("td.tags-cell")).toContainText("Sleep");
  }
  await expect(theirs.page.getByRole("checkbox")).toHaveCount(0);
  await expect(theirs.page.getByRole("button", { name: /^Edit / })).toHaveCount(0);

  // A client without Sleep cannot be found by search either.
  await page.goto("/manage-users");
  await expect(page.locator(".app[data-hydrated=true]")).toBeVisible();
  const adminTable = new ClientsTable(page);
  const untagged = adminTable.rows().filter({ hasNotText: "Sleep" }).first();
  await expect(untagged).toBeVisible();
  const hidden = (await untagged.locator("td").nth(2).textContent()) ?? "";
  expect(hidden).toContain("@");
  await mine.search(hidden);
  await expect(theirs.page.getByText("No clients match this search. Try fewer words or another tag.")).toBeVisible();
  await theirs.context.close();

  await page.goto("/manage-users/audit-log?action=security_tags_changed");
  await expect(page.getByRole("table", { name: "Audit log" }).locator("tbody tr").filter({ hasText: name })).toContainText("Sleep (was none (sees every client))");
});
