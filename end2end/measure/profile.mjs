// Where the cold navigation to a hydrated Clients table spends its time, from Chromium's own
// trace: for each run, the renderer main thread's busy time by kind (script and wasm running,
// HTML parsing, style and layout, paint, other), the wasm compiled off the main thread, and the
// idle time (waiting for the network and other threads). Run through scripts/measure-browser.sh with
// PROFILE=1, against the release build.
import { chromium } from "@playwright/test";
import { launchOptions } from "../chromium.cjs";
import { adminCookies } from "./sign-in.mjs";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3300";
const runs = Number(process.env.RUNS ?? 5);

// Trace event names grouped into what a reader can act on. Wasm compiled lazily on first call
// runs inside the script that calls it, so it counts as running.
const KINDS = [
  ["script and wasm running", /^(FunctionCall|EvaluateScript|v8\.run|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|v8\.callFunction|V8\.Execute)$/],
  ["HTML parsing", /^ParseHTML$/],
  ["style and layout", /^(UpdateLayoutTree|Layout|RecalculateStyles|ScheduleStyleRecalculation|ParseAuthorStyleSheet)$/],
  ["paint", /^(Paint|PrePaint|Layerize|Commit|CompositeLayers|UpdateLayer)$/],
];

const kindOf = (name) => KINDS.find(([, pattern]) => pattern.test(name))?.[0];

// Sums, per kind, the time of the outermost classified events on one thread between `from`
// and `to` (microseconds), so nested events are not counted twice.
function busy(events, from, to) {
  const totals = {};
  let coveredUntil = -Infinity;
  for (const e of events) {
    if (e.ts < from || e.ts > to || e.ts < coveredUntil) continue;
    const kind = kindOf(e.name);
    if (!kind) continue;
    const end = Math.min(e.ts + e.dur, to);
    totals[kind] = (totals[kind] ?? 0) + (end - e.ts) / 1000;
    coveredUntil = end;
  }
  return totals;
}

async function traceOnce(browser, cookies) {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  const page = await context.newPage();
  await browser.startTracing(page, {
    categories: [
      "devtools.timeline",
      "v8",
      "v8.wasm",
      "v8.execute",
      "disabled-by-default-v8.compile",
      "blink.user_timing",
      "loading",
    ],
  });
  await page.goto(`${base}/manage-users`, { waitUntil: "commit" });
  await page.waitForSelector(".app[data-hydrated=true] table tbody tr td input[type=checkbox]");
  await page.evaluate(() => performance.mark("roster-hydrated"));
  const trace = JSON.parse((await browser.stopTracing()).toString());
  await context.close();

  const events = trace.traceEvents;
  const mark = events.find((e) => e.name === "roster-hydrated");
  const nav = events.find((e) => e.name === "navigationStart" && e.args?.data?.isLoadingMainFrame);
  const main = events.find(
    (e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && e.pid === mark.pid,
  );
  const complete = events
    .filter((e) => e.ph === "X" && e.pid === mark.pid)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const from = nav?.ts ?? complete[0].ts;
  const to = mark.ts;
  const onMain = complete.filter((e) => e.tid === main.tid);
  const offMain = complete.filter((e) => e.tid !== main.tid && /wasm|Wasm/.test(e.name));
  const mainBusy = busy(onMain, from, to);
  const total = (to - from) / 1000;
  const classified = Object.values(mainBusy).reduce((a, b) => a + b, 0);
  // Everything the main thread did (outermost events of any kind), so the rest is idle.
  let busyAll = 0;
  let until = -Infinity;
  for (const e of onMain) {
    if (e.ts < from || e.ts > to) continue;
    const start = Math.max(e.ts, until);
    const end = Math.min(e.ts + e.dur, to);
    if (end > start) busyAll += (end - start) / 1000;
    until = Math.max(until, e.ts + e.dur);
  }
  const wasmOffMain = offMain
    .filter((e) => e.ts >= from && e.ts <= to)
    .reduce((sum, e) => sum + e.dur / 1000, 0);
  return {
    total,
    main: mainBusy,
    main_other: Math.max(0, busyAll - classified),
    main_idle: total - busyAll,
    wasm_off_main: wasmOffMain,
  };
}

const browser = await chromium.launch(launchOptions);
const cookies = await adminCookies(browser, base);

const results = [];
for (let i = 0; i < runs; i++) results.push(await traceOnce(browser, cookies));
await browser.close();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kinds = [...KINDS.map(([k]) => k)];
console.log(`\ncold navigation → hydrated Clients table, traced (${runs} runs, medians in ms)`);
const row = (label, values) => console.log(`${label.padEnd(44)}${median(values).toFixed(0).padStart(5)}`);
row("total", results.map((r) => r.total));
for (const kind of kinds) row(`main thread: ${kind}`, results.map((r) => r.main[kind] ?? 0));
row("main thread: other work", results.map((r) => r.main_other));
row("main thread: idle (network, other threads)", results.map((r) => r.main_idle));
row("wasm compiling off the main thread", results.map((r) => r.wasm_off_main));
console.log(`\n${JSON.stringify(results)}`);
