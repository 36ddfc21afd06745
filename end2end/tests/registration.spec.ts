import { expect, test, type Browser } from "@playwright/test";
import { admin, LoginPage } from "./pages/login-page";
import { signInToManageUsers } from "./pages/manage-users-page";
import { AddClientsPage, linkInNewestEmailTo } from "./pages/onboarding-pages";

async function register(browser: Browser, link: string, dob: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.locator(".app[data-hydrated=true]")).toBeVisible();
  await expect(page.getByLabel("Registration Code")).not.toHaveValue("");
  await page.getByLabel("Date of Birth").fill(dob);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Register" }).click();
  return { context, page };
}

test("clients added with Send Registration Code register through the emailed link; wrong dates fail and lock the code", async ({ page, browser }) => {
  await signInToManageUsers(page, admin);
  const run = Date.now();
  const right = { email: `reg.right.${run}@add.example`, dob: "1980-03-14" };
  const locked = { email: `reg.locked.${run}@add.example`, dob: "1979-07-01" };
  await page.goto("/manage-users/add-clients");
  await expect(page.locator(".app[data-hydrated=true]")).toBeVisible();
  const form = new AddClientsPage(page);
  await page.getByRole("button", { name: "Add Another" }).click();
  await form.fill(1, { first: "Rita", last: `Register${run}`, email: right.email, dob: right.dob, sex: "Female" });
  await form.fill(2, { first: "Lou", last: `Register${run}`, email: locked.email, dob: locked.dob, sex: "Male" });
  for (const n of [1, 2]) {
    await form.row(n).getByLabel("Send Registration Code").check();
  }
  await form.submitButton().click();
  await expect(page.getByRole("status").filter({ hasText: "Success! Clients have been created!" })).toBeVisible();

  // A wrong date of birth fails; the right one then registers, and the client signs in.
  const rightLink = await linkInNewestEmailTo(page, right.email, "/register");
  const wrong = await register(browser, rightLink, "1980-03-15", "Rita-pass-2026!");
  await expect(wrong.page.getByRole("alert")).toContainText("don't match an open registration");
  await wrong.page.getByLabel("Date of Birth").fill(right.dob);
  await wrong.page.getByRole("button", { name: "Register" }).click();
  await expect(wrong.page.getByRole("status")).toContainText("You're registered");
  await wrong.page.getByRole("link", { name: "Sign in" }).click();
  const login = new LoginPage(wrong.page);
  await expect(wrong.page.locator(".app[data-hydrated=true]")).toBeVisible();
  await login.signIn(right.email, "Rita-pass-2026!");
  await expect(wrong.page.getByRole("heading", { name: "My Account" })).toBeVisible();
  await expect(wrong.page.getByText(right.email).first()).toBeVisible();
  await wrong.context.close();

  // Five wrong dates lock the code: the sixth try, with the right date, fails the same way.
  const lockedLink = await linkInNewestEmailTo(page, locked.email, "/register");
  const attempt = await register(browser, lockedLink, "1979-07-02", "Lou-pass-2026!");
  const alert = attempt.page.getByRole("alert");
  await expect(alert).toContainText("don't match an open registration");
  for (let i = 2; i <= 5; i++) {
    await attempt.page.getByLabel("Date of Birth").fill(`1979-07-0${i + 1}`);
    await attempt.page.getByRole("button", { name: "Register" }).click();
    await expect(attempt.page.getByRole("button", { name: "Register" })).toBeEnabled();
  }
  await attempt.page.getByLabel("Date of Birth").fill(locked.dob);
  await attempt.page.getByRole("button", { name: "Register" }).click();
  await expect(attempt.page.getByRole("button", { name: "Register" })).toBeEnabled();
  await expect(alert).toContainText("don't match an open registration");
  await expect(attempt.page.getByRole("status")).toHaveCount(0);
  await attempt.context.close();
});
