import { expect, test } from "@playwright/test";
import { admin } from "./pages/login-page";
import { ClientsTable, signInToManageUsers } from "./pages/manage-users-page";
import { linkInNewestEmailTo } from "./pages/onboarding-pages";

test("invite two clients: one completes the invitation and is Active; the other's is resent and the old link dies", async ({ page, browser }) => {
  await signInToManageUsers(page, admin);
  const run = Date.now();
  const ann = `ann.${run}@invite.example`;
  const bea = `bea.${run}@invite.example`;

  await page.getByRole("button", { name: "More ways to add clients" }).click();
  await page.getByRole("menuitem", { name: "Invite Client By Email" }).click();
  await expect(page.getByRole("heading", { name: "Invite Client By Email" })).toBeVisible();
  await expect(page.getByLabel("Message")).toHaveValue(/Harbor Health Coaching invites you/);
  await page.getByLabel("Email addresses").fill(`${ann}, ${bea}`);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Success! 2 invitations have been sent." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Show: Pending" })).toBeVisible();

  const table = new ClientsTable(page);
  await table.search(`${run}@invite.example`);
  await expect(table.rows()).toHaveCount(2);
  await expect(table.row(ann)).toContainText("Invitation sent");

  // Ann follows her link and completes the form.
  const annLink = await linkInNewestEmailTo(page, ann, "/invitation");
  const annContext = await browser.newContext();
  const annPage = await annContext.newPage();
  await annPage.goto(annLink);
  await expect(annPage.getByText(`Harbor Health Coaching invited ${ann} to join Roster`)).toBeVisible();
  await annPage.getByLabel("First Name").fill("Ann");
  await annPage.getByLabel("Last Name").fill(`Invited${run}`);
  await annPage.getByLabel("Date of Birth").fill("1991-09-09");
  await annPage.getByLabel("Sex at Birth").selectOption({ label: "Female" });
  await annPage.getByLabel("Password").fill("Ann-pass-2026!");
  await annPage.getByRole("button", { name: "Accept Invitation" }).click();
  await expect(annPage.getByRole("status")).toContainText("Your account is ready");
  await annContext.close();

  await page.goto(`/manage-users?q=${encodeURIComponent(`Invited${run}`)}`);
  await expect(table.rows()).toHaveCount(1);
  await expect(table.rows().first()).toContainText(ann);

  // Bea's invitation is resent: the link she had no longer works.
  const oldLink = await linkInNewestEmailTo(page, bea, "/invitation");
  await page.goto(`/manage-users?show=pending&q=${encodeURIComponent(bea)}`);
  await expect(table.rows()).toHaveCount(1);
  await table.rows().first().getByRole("checkbox").check();
  await table.chooseAction("Resend Invitations");
  await expect(page.getByRole("status").filter({ hasText: "Success! 1 invitation has been resent." })).toBeVisible();
  const newLink = await linkInNewestEmailTo(page, bea, "/invitation");
  expect(newLink).not.toEqual(oldLink);

  const beaContext = await browser.newContext();
  const beaPage = await beaContext.newPage();
  await beaPage.goto(oldLink);
  await expect(beaPage.getByRole("alert")).toContainText("This invitation link is no longer valid");
  await beaPage.goto("about:blank");
  await beaPage.goto(newLink);
  await expect(beaPage.getByText(`invited ${bea} to join Roster`)).toBeVisible();
  await beaContext.close();
});
