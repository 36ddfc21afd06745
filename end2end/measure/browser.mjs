// The browser side of the benchmark: how much wasm and JavaScript the Clients page loads (raw,
// gzip and brotli) and how long headless Chromium takes from navigation to a hydrated,
// interactive Clients table, cold (empty cache) and warm (cached assets).
// Run through scripts/measure-browser.sh, which builds nothing and serves the release build.
import { chromium } from "@playwright/test";
import { launchOptions } from "../chromium.cjs";
import { adminCookies } from "./sign-in.mjs";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3300";
const pkg = process.env.PKG_DIR ?? "../target/site/pkg";
const runs = Number(process.env.RUNS ?? 10);

// Raw, gzip and brotli sizes of the given files in the pkg directory, with their total. The
// compressed sizes are those of the copies the server sends (the build writes them: zopfli's
// gzip, brotli 11), or, for a file without one, of zlib's level 9 and brotli 11.
function sizes(files) {
  const served = (file, ext, compress) => {
    const copy = join(pkg, `${file}.${ext}`);
    return existsSync(copy) ? statSync(copy).size : compress(readFileSync(join(pkg, file))).length;
  };
  const rows = files.map((file) => ({
    file,
    raw: statSync(join(pkg, file)).size,
    gzip: served(file, "gz", (body) => gzipSync(body, { level: 9 })),
    brotli: served(file, "br", (body) =>
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    ),
  }));
  const total = rows.reduce(
    (t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
  return { files: rows, total };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

// Milliseconds from the start of navigation until the table has rows and the page is
// hydrated (an attribute only the browser's Effect sets), read from the page's own clock, with
// the milestones on the way: the server-rendered HTML received, the last wasm received. Also
// which wasm and JavaScript files the page fetched (the build splits pages other than this
// one into chunks it should not need).
// A page that is not ready within 30 s stops the run with what it shows instead of waiting on.
async function timeToTable(page, label) {
  const errors = [];
  const onError = (e) => errors.push(String(e));
  const onConsole = (m) => m.type() === "error" && errors.push(m.text());
  page.on("pageerror", onError);
  page.on("console", onConsole);
  const response = await page.goto(`${base}/manage-users`, { waitUntil: "commit" });
  const timing = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const ready = () =>
          document.querySelector(".app[data-hydrated=true]") &&
          document.querySelector("table tbody tr td input[type=checkbox]");
        // Checked once a frame; a timer (which runs even when no frame comes) gives up.
        setTimeout(
          () =>
            resolve({
              stuck: {
                url: location.href,
                hydrated: document.querySelector(".app")?.getAttribute("data-hydrated") ?? null,
                rows: document.querySelectorAll("table tbody tr").length,
              },
            }),
          30_000,
        );
        const check = () => {
          if (!ready()) return requestAnimationFrame(check);
          const hydrated = performance.now();
          const [nav] = performance.getEntriesByType("navigation");
          const code = performance
            .getEntriesByType("resource")
            .filter((r) => /\/pkg\/[^/]+\.(wasm|js)$/.test(new URL(r.name).pathname));
          const wasm = Math.max(0, ...code.filter((r) => r.name.endsWith(".wasm")).map((r) => r.responseEnd));
          const files = code.map((r) => new URL(r.name).pathname.split("/").pop());
          resolve({ html: nav.responseEnd, wasm, hydrated, files });
        };
        check();
      }),
  );
  page.off("pageerror", onError);
  page.off("console", onConsole);
  if (timing.stuck) {
    const document = {
      status: response.status(),
      csp: response.headers()["content-security-policy"],
      fromCache: (await response.request().timing()).requestStart < 0,
    };
    throw new Error(
      `no hydrated table after 30 s (${label}): ${JSON.stringify({ ...timing.stuck, document, errors })}`,
    );
  }
  return timing;
}

const browser = await chromium.launch(launchOptions);
const cookies = await adminCookies(browser, base);

const cold = [];
const warm = [];
for (let i = 0; i < runs; i++) {
  // Cold: a fresh context has an empty cache, as on a first visit.
  const fresh = await browser.newContext();
  await fresh.addCookies(cookies);
  const page = await fresh.newPage();
  cold.push(await timeToTable(page, `cold run ${i + 1}`));
  // Warm: the same page again, its wasm and script now cached.
  warm.push(await timeToTable(page, `warm run ${i + 1}`));
  await fresh.close();
}
await browser.close();

// What the Clients page loaded, and everything the build made (other pages' chunks included).
const loaded = [...new Set(cold.flatMap((t) => t.files))].sort();
const asset = sizes(loaded);
const built = sizes(readdirSync(pkg).filter((f) => /\.(wasm|js)$/.test(f)).sort());
const summary = (timings) => {
  const values = timings.map((t) => t.hydrated);
  return {
    p50_ms: percentile(values, 50),
    p95_ms: percentile(values, 95),
    max_ms: Math.max(...values),
    html_received_p50_ms: percentile(timings.map((t) => t.html), 50),
    wasm_received_p50_ms: percentile(timings.map((t) => t.wasm), 50),
  };
};
const result = {
  assets: asset,
  all_built: built.total,
  hydrated_table: { runs, cold: summary(cold), warm: summary(warm) },
};

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log("\nwasm + JS the Clients page loads");
console.log("file".padEnd(44), "raw".padStart(10), "gzip".padStart(10), "brotli".padStart(10));
for (const r of asset.files) {
  console.log(r.file.padEnd(44), kb(r.raw).padStart(10), kb(r.gzip).padStart(10), kb(r.brotli).padStart(10));
}
console.log(
  "total".padEnd(44),
  kb(asset.total.raw).padStart(10),
  kb(asset.total.gzip).padStart(10),
  kb(asset.total.brotli).padStart(10),
);
console.log(
  `(the build has ${built.files.length} wasm and JS files: ${kb(built.total.raw)} raw, ` +
    `${kb(built.total.gzip)} gzip, ${kb(built.total.brotli)} brotli)`,
);
console.log(`\nnavigation → hydrated Clients table (${runs} runs)`);
for (const [name, s] of Object.entries(result.hydrated_table).filter(([k]) => k !== "runs")) {
  console.log(
    `${name.padEnd(6)} p50 ${s.p50_ms.toFixed(0)} ms   p95 ${s.p95_ms.toFixed(0)} ms   max ${s.max_ms.toFixed(0)} ms` +
      `   (p50s: HTML received ${s.html_received_p50_ms.toFixed(0)} ms, wasm received ${s.wasm_received_p50_ms.toFixed(0)} ms)`,
  );
}
console.log(`\n${JSON.stringify(result)}`);
