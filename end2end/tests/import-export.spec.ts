import { expect, test, type Page } from "@playwright/test";
import { admin, exportAdmin } from "./pages/login-page";
import { ClientsTable, signInToManageUsers } from "./pages/manage-users-page";

const HEADER = "email_address,initial_password,first_name,last_name,birthdate,gender,tag,external_id";

/** Twenty clients in the vendor template; `bad` rows (1-based client numbers) carry one mistake each. */
function vendorFile(run: number, bad: Record<number, "email" | "future" | "password">): string {
  const lines = [HEADER];
  for (let n = 1; n <= 20; n++) {
    const mistake = bad[n];
    const email = mistake === "email" ? `imp${n}.${run}.at.import.example` : `imp${n}.${run}@import.example`;
    const password = mistake === "password" ? "password" : `Init-pass-${n}!`;
    const birthdate = mistake === "future" ? "20991231" : `1980010${1 + (n % 9)}`;
    lines.push(`${email},${password},Imp${n},Run${run},${birthdate},${n % 2 ? "female" : "male"},Sleep,IMP-${run}-${n}`);
  }
  return lines.join("\r\n") + "\r\n";
}

async function checkFile(page: Page, name: string, contents: string) {
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(contents) });
  await page.getByRole("button", { name: "Check File" }).click();
  const report = page.getByRole("region", { name: "Check results" });
  await expect(report).toBeVisible();
  return report;
}

test("import a 20-row vendor file with 3 bad rows: the report names each; the good rows, then the fixed ones, are imported", async ({ page }) => {
  await signInToManageUsers(page, admin);
  const run = Date.now();
  await page.getByRole("button", { name: "More ways to add clients" }).click();
  await page.getByRole("menuitem", { name: "Import Clients From CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import Clients" })).toBeVisible();

  const report = await checkFile(page, "clients.csv", vendorFile(run, { 4: "email", 8: "future", 13: "password" }));
  await expect(report.getByRole("heading", { level: 2 })).toHaveText("clients.csv: 20 rows in the Vendor template (with initial passwords)");
  await expect(report).toContainText("17 ready to import");
  await expect(report).toContainText("3 rows with problems");
  const problems = report.getByRole("table", { name: "Problems" }).locator("tbody tr");
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0)).toContainText("5email_address");
  await expect(problems.nth(0)).toContainText("Enter an email like name@example.com");
  await expect(problems.nth(1)).toContainText("9birthdate20991231Date of Birth cannot be in the future");
  await expect(problems.nth(2)).toContainText("14initial_password");
  await expect(problems.nth(2)).toContainText("Weak initial password");
  await expect(report).not.toContainText("Init-pass");
  await expect(problems.nth(2)).toContainText("(not shown)");

  await report.getByRole("button", { name: "Import 17 clients" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Success! 17 clients have been imported." })).toBeVisible();
  const table = new ClientsTable(page);
  await table.search(`Run${run}`);
  await expect(page.getByText("Showing 1–17 of 17")).toBeVisible();
  for (const n of [4, 8, 13]) {
    await expect(table.row(`IMP-${run}-${n}`)).toHaveCount(0);
  }

  // The fixed file: the 17 are now in use, and exactly the three fixed rows are imported.
  await page.goto("/manage-users/import-clients");
  await expect(page.locator(".app[data-hydrated=true]")).toBeVisible();
  const again = await checkFile(page, "clients-fixed.csv", vendorFile(run, {}));
  await expect(again).toContainText("3 ready to import");
  await expect(again.getByRole("table", { name: "Problems" })).toContainText("Someone in your practice already uses this email.");
  await again.getByRole("button", { name: "Import 3 clients" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Success! 3 clients have been imported." })).toBeVisible();
  await table.search(`Run${run}`);
  await expect(page.getByText("Showing 1–20 of 20")).toBeVisible();
});

test("binary junk is refused with a clear message", async ({ page }) => {
  await signInToManageUsers(page, admin);
  await page.goto("/manage-users/import-clients");
  await expect(page.locator(".app[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles({ name: "photo.csv", mimeType: "text/csv", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) });
  await page.getByRole("button", { name: "Check File" }).click();
  await expect(page.getByRole("alert")).toContainText("This is not a CSV file");
});

test("export with two columns hidden and one moved: the CSV is what the table shows", async ({ page }) => {
  await signInToManageUsers(page, exportAdmin);
  const table = new ClientsTable(page);
  await table.openColumnsMenu();
  for (const column of ["Sex at Birth", "Created"]) {
    await table.savingLayout(() => page.getByRole("menuitemcheckbox", { name: column }).click());
  }
  await page.keyboard.press("Escape");
  await table.savingLayout(() => table.header("Email").getByRole("button").press("Alt+ArrowLeft"));
  const order = ["Email", "Name", "Date of Birth", "Tags", "External ID", "Registered"];
  await expect.poll(() => table.columnOrder()).toEqual(order);

  // Clients 40–46 (external IDs HH-000004x), which no spec changes.
  await table.search("HH-000004");
  await expect(table.rows()).toHaveCount(7);
  const shown = await table.cellTexts();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^clients-\d{4}-\d\d-\d\d\.csv$/);
  const text = (await (await file.createReadStream()).toArray()).join("").replace(/^\ufeff/, "");
  const lines = text.trimEnd().split("\r\n");
  expect(lines[0]).toBe(order.join(","));
  const rows = lines.slice(1).map((line) => line.split(","));
  expect(rows).toEqual(shown);
});
