// The measurement scripts' shared step: sign in as the end-to-end Administrator through the
// login page and hand back the session cookies, so each measured navigation starts signed in.
const account = { email: "e2e-admin@roster.example", password: "E2e-admin-pass1" };

export async function adminCookies(browser, base) {
  const context = await browser.newContext();
  const login = await context.newPage();
  await login.goto(`${base}/login`);
  await login.locator(".app[data-hydrated=true]").waitFor();
  await login.getByLabel("Email").fill(account.email);
  await login.getByLabel("Password").fill(account.password);
  await login.getByRole("button", { name: "Sign in" }).click();
  await login.waitForURL(/manage-users/);
  const cookies = await context.cookies();
  await context.close();
  return cookies;
}
