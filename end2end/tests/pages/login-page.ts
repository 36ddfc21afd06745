import { expect, type Page } from "@playwright/test";

export const admin = { email: "e2e-admin@roster.example", password: "E2e-admin-pass1" };

/** The sign-in page. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto("/login");
    await expect(this.page.locator(".app[data-hydrated=true]")).toBeVisible();
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }
}

/** An admin of its own for the columns spec, whose saved layout no other spec sees. */
export const columnsAdmin = { email: "e2e-columns@roster.example", password: "E2e-columns-pass1" };

/** The Owner and only Administrator of "Solo Practice", for the team roles spec. */
export const soloOwner = { email: "e2e-solo@roster.example", password: "E2e-solo-pass1" };

/** An admin of its own for the export spec, whose column layout no other spec touches. */
export const exportAdmin = { email: "e2e-export@roster.example", password: "E2e-export-pass1" };
