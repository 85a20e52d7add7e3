/**
 * The report's sections in reading order: the front matter a client signs (scope and method, limitations, team,
 * document control), then what a plant manager needs first, the detail and the evidence after.
 */
import { assetsSection } from "./assets.js";
import { crsSection } from "./crs.js";
import { designSection } from "./design.js";
import { dispositionsSection } from "./dispositions.js";
import { findingsSection } from "./findings.js";
import { documentControlSection, limitationsSection, scopeSection, teamSection } from "./front-matter.js";
import { gapsSection } from "./gaps.js";
import { inputsSection } from "./inputs.js";
import { levelsSection } from "./levels.js";
import { matrixSection } from "./matrix.js";
import { monitoringSection } from "./monitoring.js";
import { programSection } from "./program.js";
import { reachabilitySection } from "./reachability.js";
import { risksSection } from "./risks.js";
import type { ReportSectionEntry } from "./section.js";
import { summarySection } from "./summary.js";
import { trafficSection } from "./traffic.js";
import { trendSection } from "./trend.js";
import { vulnerabilitiesSection } from "./vulnerabilities.js";
import { zonesSection } from "./zones.js";

export const REPORT_SECTIONS = [
  scopeSection,
  limitationsSection,
  teamSection,
  documentControlSection,
  summarySection,
  trendSection,
  designSection,
  zonesSection,
  levelsSection,
  risksSection,
  findingsSection,
  vulnerabilitiesSection,
  gapsSection,
  programSection,
  crsSection,
  matrixSection,
  reachabilitySection,
  monitoringSection,
  assetsSection,
  trafficSection,
  dispositionsSection,
  inputsSection,
] as const satisfies readonly ReportSectionEntry[];
