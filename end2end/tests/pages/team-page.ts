import { expect, type Browser, type Page } from "@playwright/test";
import { LoginPage } from "./login-page";
import { linkInNewestEmailTo } from "./onboarding-pages";

/** The Team Members tab of Manage Users. */
export class TeamTable {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/manage-users/team");
    await expect(this.page.locator(".app[data-hydrated=true]")).toBeVisible();
    await expect(this.page.getByRole("table", { name: "Team Members" })).toBeVisible();
    // The tab's view is split code loaded before hydration; one table means it hydrated the
    // server's rows instead of drawing its own beside them.
    await expect(this.page.getByRole("table")).toHaveCount(1);
  }

  row(text: string) {
    return this.page.locator("table[aria-label='Team Members'] tbody tr").filter({ hasText: text });
  }

  /** Opens a member's Roles (or Security tags) dropdown and returns its panel. */
  async openPicker(kind: "Roles" | "Security tags", name: string) {
    await this.page.getByRole("button", { name: `${kind} for ${name}` }).click();
    const panel = this.page.getByRole("group", { name: `${kind} for ${name}` });
    await expect(panel).toBeVisible();
    return panel;
  }

  /** Closes an open dropdown the way a pointer does: a click beside it. */
  async closePicker() {
    await this.page.locator(".menu-backdrop").first().click({ position: { x: 5, y: 5 } });
    await expect(this.page.locator(".checklist-popup")).toHaveCount(0);
  }

  notice() {
    return this.page.locator(".notice-bar");
  }
}

/** The Create New Members form; rows are fieldsets named "Team Member 1", … */
export class AddTeamMembersPage {
  constructor(private readonly page: Page) {}

  row(n: number) {
    return this.page.getByRole("group", { name: `Team Member ${n}`, exact: true });
  }

  async fill(n: number, member: { first: string; last: string; email: string; roles: string[]; sendCode?: boolean }) {
    const row = this.row(n);
    await row.getByLabel("First Name").fill(member.first);
    await row.getByLabel("Last Name").fill(member.last);
    await row.getByLabel("Email").fill(member.email);
    for (const role of ["Practitioner", "Billing Administrator", "Administrator"]) {
      const box = row.getByRole("checkbox", { name: role, exact: true });
      if (member.roles.includes(role)) {
        await box.check();
      } else {
        await box.uncheck();
      }
    }
    if (member.sendCode) {
      await row.getByLabel("Send Registration Code").check();
    }
  }

  submitButton() {
    return this.page.getByRole("button", { name: /^Create Accounts?$/ });
  }
}

/**
 * Adds a team member with a registration code from the signed-in admin's page, registers them
 * through the emailed link in a browser context of their own and signs them in there.
 */
export async function addRegisteredMember(
  page: Page,
  browser: Browser,
  member: { first: string; last: string; email: string; roles: string[]; password: string },
) {
  await page.goto("/manage-users/add-team-members");
  await expect(page.locator(".app[data-hydrated=true]")).toBeVisible();
  const form = new AddTeamMembersPage(page);
  await form.fill(1, { ...member, sendCode: true });
  await form.submitButton().click();
  await expect(page.getByRole("status").filter({ hasText: "Success! Team Members have been created!" })).toBeVisible();

  const link = await linkInNewestEmailTo(page, member.email, "/register");
  expect(link).toContain("who=team");
  const context = await browser.newContext();
  const theirs = await context.newPage();
  await theirs.goto(link);
  await expect(theirs.locator(".app[data-hydrated=true]")).toBeVisible();
  await expect(theirs.getByLabel("Registration Code")).not.toHaveValue("");
  await theirs.getByLabel("Email").fill(member.email);
  await theirs.getByLabel("Password").fill(member.password);
  await theirs.getByRole("button", { name: "Register" }).click();
  await expect(theirs.getByRole("status")).toContainText("You're registered");

  const login = new LoginPage(theirs);
  await login.open();
  await login.signIn(member.email, member.password);
  return { context, page: theirs };
}
