// Debian's Chromium and the flags it needs here (no sandbox, nothing fetched from outside),
// shared by the Playwright suite and the measurement scripts.
//
// Headless Chromium opens every new browser context in a new window, and each new window loads
// Chrome's own omnibox popup (a WebUI page in a renderer of its own). On a 2-core machine that
// page competes with the page under test for the CPU: it took ~320 ms of CPU during a cold
// navigation to the Clients table, and added ~80 ms to that navigation. A person's browser has
// its window open already, so those features are switched off. Chromium keeps only the last
// --disable-features, so the list repeats the one Playwright itself passes (1.56) first.
const playwrightDisables = [
  "AcceptCHFrame",
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "DialMediaRouteProvider",
  "GlobalMediaControls",
  "HttpsUpgrades",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "Translate",
  "AutoDeElevate",
  "RenderDocument",
];
const omniboxPopup = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup"];

exports.launchOptions = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    `--disable-features=${[...playwrightDisables, ...omniboxPopup].join(",")}`,
  ],
};
