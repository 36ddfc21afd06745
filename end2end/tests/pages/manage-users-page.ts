import { expect, type Page } from "@playwright/test";
import { LoginPage } from "./login-page";

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

/** The Clients table's header row and the Columns menu. */
export class ClientsTable {
  constructor(private readonly page: Page) {}

  async columnOrder(): Promise<string[]> {
    return this.page.locator("thead th[data-column]").evaluateAll((ths) => ths.map((th) => (th as HTMLElement).dataset.column ?? ""));
  }

  header(label: string) {
    return this.page.locator(`thead th[data-column="${label}"]`);
  }

  async openColumnsMenu() {
    await this.page.getByRole("button", { name: "Columns" }).click();
    await expect(this.page.getByRole("menu")).toBeVisible();
  }

  /** The body rows (clients) on screen. */
  rows() {
    return this.page.locator("table[aria-label=Clients] tbody tr:has(td.select-cell)");
  }

  row(text: string) {
    return this.rows().filter({ hasText: text });
  }

  async search(text: string) {
    await this.page.getByLabel("Search clients").fill(text);
    await this.page.getByRole("button", { name: "Search", exact: true }).click();
    await this.page.waitForURL((url) => url.searchParams.get("q") === text);
  }

  /** Switches the Show menu to a view. */
  async show(view: "Active" | "Pending" | "Archived") {
    await this.page.getByRole("button", { name: /^Show: / }).click();
    await this.page.getByRole("menuitemradio", { name: new RegExp(`^${view}`) }).click();
    await expect(this.page.getByRole("button", { name: `Show: ${view}` })).toBeVisible();
  }

  /** The active-client count the limit meter shows ("87 of 250" → 87). */
  async activeCount(): Promise<number> {
    const text = (await this.page.locator(".meter-text").textContent()) ?? "";
    return Number(text.split(" of ")[0]);
  }

  /** Opens "Select an action" and chooses an entry. */
  async chooseAction(name: string) {
    await this.page.getByRole("button", { name: "Select an action" }).click();
    await this.page.getByRole("menuitem", { name, exact: true }).click();
  }

  /** Each body row's cells as their words, in column order (tags joined with "; "). */
  async cellTexts(): Promise<string[][]> {
    return this.rows().evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll("td"))
          .filter((td) => !td.classList.contains("select-cell") && !td.classList.contains("row-actions"))
          .map((td) => {
            const name = td.querySelector(".name-text");
            if (name) return name.textContent?.trim() ?? "";
            const tags = td.querySelectorAll(".tag");
            if (td.classList.contains("tags-cell")) return Array.from(tags).map((t) => t.textContent?.trim() ?? "").join("; ");
            return td.textContent?.trim() ?? "";
          }),
      ),
    );
  }

  /** Runs `change` and waits until the new layout is saved on the server. */
  async savingLayout(change: () => Promise<void>) {
    const saved = this.page.waitForResponse((r) => r.url().includes("/api/clients/layout/") && r.ok());
    await change();
    await saved;
  }
}

/** Signs in from the sign-in page and waits for a hydrated Manage Users. */
export async function signInToManageUsers(page: Page, account: { email: string; password: string }) {
  const login = new LoginPage(page);
  await login.open();
  await login.signIn(account.email, account.password);
  const manage = new ManageUsersPage(page);
  await manage.expectLoaded();
  return manage;
}
