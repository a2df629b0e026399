// Runs a SIP peer in Debian's headless Chromium for the Python interop tests (browser.py):
// JsSIP (jssip_page.html, the default) or the Plivo Browser SDK (`node harness.mjs plivo`,
// plivo_page.html).
//
// Protocol, one JSON object per line:
//   stdin  {"id": 1, "fn": "start", "args": [...]}   calls window.peer[fn](...args)
//   stdout {"id": 1, "ok": true, "result": ...} | {"id": 1, "ok": false, "error": "..."}
//   stdout {"event": "name", "data": {...}}          everything the page emits
// "ready" is the first event. Closing stdin closes the browser and exits.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";

import { buildSync } from "esbuild";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

function send(message) {
  process.stdout.write(JSON.stringify(message) + "\n");
}

const kind = process.argv[2] || "jssip";
if (kind !== "jssip" && kind !== "plivo") throw new Error(`unknown peer ${kind}`);

// The jssip package ships CommonJS only: bundle it into an IIFE that defines window.JsSIP.
// The plivo-browser-sdk package has a UMD bundle its page loads itself.
const bundle = kind !== "jssip" ? null : buildSync({
  entryPoints: [join(here, "node_modules/jssip/lib/JsSIP.js")],
  bundle: true,
  format: "iife",
  globalName: "JsSIP",
  platform: "browser",
  write: false,
  logLevel: "silent",
}).outputFiles[0].text;

const profile = mkdtempSync(join(tmpdir(), "webphone-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--allow-loopback-in-peer-connection",
    "--disable-features=WebRtcHideLocalIpsWithMdns",
    "--autoplay-policy=no-user-gesture-required",
  ],
});
const page = context.pages()[0] || (await context.newPage());
page.on("console", (m) => process.stderr.write(`[page ${m.type()}] ${m.text()}\n`));
page.on("pageerror", (e) => send({ event: "pageerror", data: { message: String(e) } }));
await page.exposeFunction("interopEmit", (name, data) => send({ event: name, data }));
await page.goto(pathToFileURL(join(here, `${kind}_page.html`)).href);
let version;
if (bundle !== null) {
  await page.addScriptTag({ content: bundle });
  version = await page.evaluate(() => JsSIP.version);
} else {
  const sdk = join(here, "node_modules/plivo-browser-sdk/package.json");
  version = JSON.parse(readFileSync(sdk, "utf8")).version;
}
send({ event: "ready", data: { version } });

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  try {
    await page.evaluate(() => window.peer.stop()).catch(() => {});
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
    process.exit(0);
  }
}

const lines = createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  if (!line.trim()) return;
  const { id, fn, args } = JSON.parse(line);
  try {
    const result = await page.evaluate(
      ([name, params]) => window.peer[name](...params), [fn, args || []]);
    send({ id, ok: true, result: result === undefined ? null : result });
  } catch (error) {
    send({ id, ok: false, error: String(error && error.message ? error.message : error) });
  }
});
lines.on("close", shutdown);
process.on("SIGTERM", shutdown);
