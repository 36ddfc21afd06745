import { expect, test } from "@playwright/test";

test("the wasm, script and stylesheet have content-hashed names and come brotli-compressed, cached for a year", async ({
  page,
  request,
}) => {
  await page.goto("/login");
  await expect(page.locator(".app[data-hydrated=true]")).toBeAttached();
  const urls = await page.evaluate(() =>
    [...document.querySelectorAll("link[href^='/pkg/']")].map((l) => (l as HTMLLinkElement).href),
  );
  const kinds = urls.map((u) => u.split(".").pop());
  expect(kinds.sort()).toEqual(["css", "js", "wasm"]);
  for (const url of urls) {
    expect(url, "a content hash in the name").toMatch(/\/pkg\/roster\.[^./]+\.(css|js|wasm)$/);
    const response = await request.get(url, { headers: { "Accept-Encoding": "br, gzip" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-encoding"], url).toBe("br");
    expect(response.headers()["cache-control"], url).toBe("public, max-age=31536000, immutable");
  }
});
