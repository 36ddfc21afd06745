import { expect, type Page } from "@playwright/test";

/** The Manage Users page, Clients tab by default. */
export class ManageUsersPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole("heading", { name: "Manage Users" });
  }

  async expectLoaded() {
    await expect(this.heading()).toBeVisible();
    // Only the browser sets this attribute: the page is hydrated, not just server-rendered.
    await expect(this.page.locator(".app[data-hydrated=true]")).toBeVisible();
  }

  tab(name: "Clients" | "Team Members") {
    return this.page.getByRole("tab", { name });
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/login$/);
  }
}
