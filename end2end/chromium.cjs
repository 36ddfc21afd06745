// Debian's Chromium and the flags it needs here (no sandbox, nothing fetched from outside),
// shared by the Playwright suite and the measurement script.
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
  ],
};
