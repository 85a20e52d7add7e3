/**
 * Everything the report shows, derived once from an Assessment: the HTML, the PDF (from the HTML) and the
 * Word document all render this, so they say the same thing.
 */
import type { MonitoringStatus } from "../../model/alert.js";
import type { Assessment } from "../../model/assessment.js";
import { maturityChart } from "../figures/maturity-chart.js";
import { riskHeatMap } from "../figures/risk-heat-map.js";
import { slRadar } from "../figures/sl-radar.js";
import type { Figure } from "../figures/svg.js";
import { zoneDiagram } from "../figures/zone-diagram.js";
import { zoneMatrix } from "../figures/zone-matrix.js";
import { type Action, remediationActions } from "./actions.js";
import { type EvidenceIndex, evidenceIndex } from "./evidence-index.js";
import { monitoringOf, type RiskRow, risksOf } from "./late-fields.js";
import { type Posture, postureOf } from "./posture.js";
import { type Trend, trendOf } from "./trend.js";
import { type ZoneTraffic, zoneTraffic } from "./zone-traffic.js";

/** The labelled scales of the default 5x5 risk matrix. */
export const RISK_SCALES = {
  likelihood: ["rare", "unlikely", "possible", "likely", "almost certain"],
  impact: ["minor", "moderate", "serious", "major", "severe"],
} as const;

export interface ReportFigures {
  zoneDiagram: Figure | null;
  radar: Figure | null;
  matrix: Figure | null;
  maturity: Figure | null;
  heatMap: Figure | null;
}

export interface ReportView {
  a: Assessment;
  title: string;
  evidence: EvidenceIndex;
  traffic: ZoneTraffic;
  posture: Posture;
  actions: Action[];
  trend: Trend | null;
  risks: RiskRow[] | null;
  monitoring: MonitoringStatus | null;
  figures: ReportFigures;
}

export async function reportView(a: Assessment): Promise<ReportView> {
  const traffic = zoneTraffic(a);
  const risks = risksOf(a);
  return {
    a,
    title: `IEC 62443 security assessment: ${a.site}`,
    evidence: evidenceIndex(a),
    traffic,
    posture: postureOf(a, traffic),
    actions: remediationActions(a, risks),
    trend: trendOf(a),
    risks,
    monitoring: monitoringOf(a),
    figures: {
      zoneDiagram: a.zones.length ? await zoneDiagram(a, traffic) : null,
      radar: slRadar(a),
      matrix: zoneMatrix(a, traffic),
      maturity: maturityChart(a),
      heatMap: risks?.length ? riskHeatMap(risks, RISK_SCALES) : null,
    },
  };
}

/** The figures in the order the report shows them. */
export function figuresInOrder(v: ReportView): Figure[] {
  const f = v.figures;
  return [f.zoneDiagram, f.radar, f.heatMap, f.maturity, f.matrix].filter((x): x is Figure => x !== null);
}
