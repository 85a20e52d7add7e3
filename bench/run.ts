/**
 * `npm run bench [-- name...]`: runs every benchmark module in turn, or only those named (capture, vulns, watch,
 * firewall, report). Add new ones to the table.
 */
import { benchCapture } from "./capture.js";
import { benchFirewall } from "./firewall.js";
import { benchReport } from "./report.js";
import { benchVulns } from "./vulns.js";
import { benchWatch } from "./watch.js";

const BENCHES: Record<string, () => Promise<void>> = {
  capture: benchCapture,
  vulns: benchVulns,
  watch: benchWatch,
  firewall: benchFirewall,
  report: benchReport,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(BENCHES).join(", ")}\n`,
  );
  process.exit(2);
}
for (const [name, bench] of Object.entries(BENCHES))
  if (wanted.length === 0 || wanted.includes(name)) await bench();
