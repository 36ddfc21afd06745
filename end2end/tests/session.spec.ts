import { expect, test } from "@playwright/test";
import { admin, LoginPage } from "./pages/login-page";
import { signInToManageUsers } from "./pages/manage-users-page";

test("sign in, see Manage Users, sign out, and the old session cookie no longer works", async ({ page, browser }) => {
  const manage = await signInToManageUsers(page, admin);
  await expect(page).toHaveURL(/\/manage-users$/);
  await expect(manage.tab("Clients")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("table")).toContainText("@example.com");

  const [session] = (await page.context().cookies()).filter((c) => c.name === "roster_session");
  expect(session, "a session cookie is set").toBeTruthy();
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe("Lax");

  await manage.signOut();

  // Replay the old cookie in a fresh browser context: it must no longer open Manage Users.
  const replay = await browser.newContext();
  await replay.addCookies([session]);
  const again = await replay.newPage();
  await again.goto("/manage-users");
  await expect(again).toHaveURL(/\/login$/);
  await expect(again.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await replay.close();
});

test("a wrong password is refused with a message and no session", async ({ page }) => {
  const login = new LoginPage(page);
  await login.open();
  await login.signIn("someone-unknown@roster.example", "Not-the-pass-1");
  await expect(page.getByRole("alert")).toHaveText("That email and password don't match an account.");
  await expect(page).toHaveURL(/\/login$/);
});

test("the Team Members tab lists the team with roles", async ({ page }) => {
  const manage = await signInToManageUsers(page, admin);
  await manage.tab("Team Members").click();
  await expect(page).toHaveURL(/\/manage-users\/team$/);
  await expect(page.getByRole("table")).toContainText("Administrator");
  await expect(page.getByRole("table")).toContainText("Practitioner");
});

test("the Clients table pages with Previous and Next, and the URL keeps the page", async ({ page }) => {
  const manage = await signInToManageUsers(page, admin);
  const previous = page.getByRole("button", { name: "Previous", exact: true });
  const next = page.getByRole("button", { name: "Next", exact: true });
  await expect(previous).toBeDisabled();
  await expect(page.getByText(/^Showing 1–25 of \d+$/)).toBeVisible();
  await next.click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText(/^Showing 26–50 of \d+$/)).toBeVisible();
  await page.reload();
  await manage.expectLoaded();
  await expect(page.getByText(/^Showing 26–50 of \d+$/)).toBeVisible();
  await expect(previous).toBeEnabled();
});
