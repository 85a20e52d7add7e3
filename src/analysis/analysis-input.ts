/** What an assessment hands its analyses: the plant model and the evidence the importers read, never a file. */
import type { CaptureReport } from "../model/capture.js";
import type { ControlEvidence } from "../model/controls.js";
import type { FirewallConfig } from "../model/firewall.js";
import type { Plant } from "../model/plant.js";
import type { VulnerabilityEvidence } from "../model/vulnerability.js";

export interface AnalysisInput {
  plant: Plant;
  capture: CaptureReport | null;
  /** The assessment time, so that ages (of backups, of logons) do not depend on the clock. */
  now: Date;
  /** Advisories, KEV catalog and scanner reports of the plant folder; absent when it has none. */
  vulnerabilityEvidence?: VulnerabilityEvidence | null;
  /** Account exports, Windows policy, device configs, backup register and files, baseline; absent without them. */
  controls?: ControlEvidence | null;
  /** Firewall configurations of the plant (`<plant>/firewalls/`), normalized; absent when it has none. */
  firewalls?: FirewallConfig[];
}
