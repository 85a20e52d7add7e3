/** `npm run bench`: runs every benchmark module in turn (add new ones to the list). */
import { benchCapture } from "./capture.js";
import { benchFirewall } from "./firewall.js";
import { benchReport } from "./report.js";
import { benchVulns } from "./vulns.js";
import { benchWatch } from "./watch.js";

const BENCHES: readonly (() => Promise<void>)[] = [
  benchCapture,
  benchVulns,
  benchWatch,
  benchFirewall,
  benchReport,
];

for (const bench of BENCHES) await bench();
