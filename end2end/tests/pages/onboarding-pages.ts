import { expect, type Page } from "@playwright/test";

/** The Create New Clients form; rows are fieldsets named "Client 1", "Client 2" … */
export class AddClientsPage {
  constructor(private readonly page: Page) {}

  row(n: number) {
    return this.page.getByRole("group", { name: `Client ${n}`, exact: true });
  }

  rows() {
    return this.page.locator("fieldset.client-row");
  }

  async fill(n: number, client: { first: string; last: string; email: string; dob: string; sex: "Female" | "Male" }) {
    const row = this.row(n);
    await row.getByLabel("First Name").fill(client.first);
    await row.getByLabel("Last Name").fill(client.last);
    await row.getByLabel("Email").fill(client.email);
    await row.getByLabel("Date of Birth").fill(client.dob);
    await row.getByLabel("Sex at Birth").selectOption({ label: client.sex });
  }

  async addTag(n: number, tag: string) {
    const input = this.row(n).getByRole("combobox", { name: "Tags" });
    await input.fill(tag);
    await input.press("Enter");
    await expect(this.row(n).getByRole("button", { name: `Remove tag ${tag}` })).toBeVisible();
  }

  submitButton() {
    return this.page.getByRole("button", { name: /^Create Accounts?$/ });
  }
}

/** The Sent Email page: finds the link in the newest email to an address. */
export async function linkInNewestEmailTo(page: Page, to: string, path: "/register" | "/invitation"): Promise<string> {
  await page.goto("/manage-users/sent-email");
  await expect(page.locator(".app[data-hydrated=true]")).toBeVisible();
  const item = page.locator("li.mail-item").filter({ hasText: `To ${to}` }).first();
  await item.locator("summary").click();
  const href = await item.locator(`a[href*="${path}#"]`).first().getAttribute("href");
  expect(href, `a ${path} link in the email to ${to}`).toBeTruthy();
  return href ?? "";
}
