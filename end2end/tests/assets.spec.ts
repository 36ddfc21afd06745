import { expect, test } from "@playwright/test";

test("the wasm, scripts and stylesheet have content-hashed names and come brotli-compressed, cached for a year", async ({
  page,
  request,
}) => {
  await page.goto("/login");
  await expect(page.locator(".app[data-hydrated=true]")).toBeAttached();
  const urls = await page.evaluate(() =>
    [...document.querySelectorAll("link[href^='/pkg/']")].map((l) => (l as HTMLLinkElement).href),
  );
  const names = [...new Set(urls.map((u) => new URL(u).pathname.replace("/pkg/", "")))];
  // The app's style, script and wasm, and (the login page's code being split out of the main
  // wasm) the loader of split code and the login page's chunks.
  const app = names.filter((n) => n.startsWith("roster."));
  expect(app.map((n) => n.split(".").pop()).sort()).toEqual(["css", "js", "wasm"]);
  expect(names.filter((n) => n.startsWith("__wasm_split.")).length).toBe(1);
  expect(names.filter((n) => n.startsWith("split_")).length).toBeGreaterThan(0);
  for (const url of urls) {
    expect(url, "a content hash in the name").toMatch(/\/pkg\/[\w.-]+\.[\w-]{22}\.(css|js|wasm)$/);
    const response = await request.get(url, { headers: { "Accept-Encoding": "br, gzip" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-encoding"], url).toBe("br");
    expect(response.headers()["cache-control"], url).toBe("public, max-age=31536000, immutable");
  }
});

test("a page whose code is all in the main wasm fetches the split-code loader with the app's script, not after it", async ({
  page,
}) => {
  const fetched: string[] = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto("/no-such-page");
  await expect(page.locator(".app[data-hydrated=true]")).toBeAttached();
  const preloaded = await page.evaluate(() =>
    [...document.querySelectorAll("link[rel=modulepreload]")].map((l) => new URL((l as HTMLLinkElement).href).pathname),
  );
  expect(preloaded.some((p) => p.startsWith("/pkg/__wasm_split."))).toBe(true);
  expect(fetched.filter((p) => p.startsWith("/pkg/split_"))).toEqual([]);
});
