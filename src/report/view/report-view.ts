/**
 * Everything the report shows, derived once from an Assessment: the HTML, the PDF (from the HTML) and the
 * Word document all render this, so they say the same thing.
 */

import type { Action } from "../../model/action.js";
import type { MonitoringStatus } from "../../model/alert.js";
import type { Assessment, DesignBasis } from "../../model/assessment.js";
import { type Risk, RiskMatrix } from "../../model/risk.js";
import { maturityChart } from "../figures/maturity-chart.js";
import { riskHeatMap } from "../figures/risk-heat-map.js";
import { slRadar } from "../figures/sl-radar.js";
import type { Figure } from "../figures/svg.js";
import { zoneDiagram } from "../figures/zone-diagram.js";
import { zoneMatrix } from "../figures/zone-matrix.js";
import { type CoverageView, coverageView } from "./coverage.js";
import { type CrsView, crsView } from "./crs.js";
import { type EvidenceIndex, evidenceIndex } from "./evidence-index.js";
import { type FrontMatter, frontMatter, type ReportLogo } from "./front-matter.js";
import { type PostureView, postureView } from "./posture.js";
import { type Trend, trendView } from "./trend.js";
import { type ZoneTraffic, zoneTraffic } from "./zone-traffic.js";

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
  /** Which zones and conduits the captures saw; null without captures. */
  coverage: CoverageView | null;
  posture: PostureView;
  /** The remediation plan as the analyses ranked it. */
  actions: Action[];
  trend: Trend | null;
  /** The risk register; null when the assessment carries none. */
  risks: Risk[] | null;
  /** The matrix the risks were rated on (the default one when the assessment names none). */
  riskMatrix: RiskMatrix;
  monitoring: MonitoringStatus | null;
  /** The SuC, threat agents and approvals; null for a run stored before plant.yaml stated them. */
  design: DesignBasis | null;
  /** The cybersecurity requirements specification: report.html's CRS section and crs.docx. */
  crs: CrsView;
  /** The cover's and the front matter's engagement, evidence used, limitations and dates. */
  front: FrontMatter;
  figures: ReportFigures;
}

export interface ReportViewOptions {
  /** The assessor's logo, read from the plant folder by the application layer. */
  logo?: ReportLogo;
}

export async function reportView(a: Assessment, options: ReportViewOptions = {}): Promise<ReportView> {
  const { actions, posture, trend } = a;
  // Runs stored before the assessment carried these are read for comparison only, never reported on.
  if (!actions || !posture || !trend)
    throw new Error(`assessment ${a.id} carries no action plan, posture or trend: assess the plant again`);
  const traffic = zoneTraffic(a);
  const risks = a.risks ?? null;
  const riskMatrix = a.riskMatrix ?? RiskMatrix.parse({});
  return {
    a,
    title: `IEC 62443 security assessment: ${a.site}`,
    evidence: evidenceIndex(a),
    traffic,
    coverage: coverageView(a),
    posture: postureView(a, posture, traffic),
    actions,
    trend: trendView(a, trend),
    risks,
    riskMatrix,
    monitoring: a.monitoring ?? null,
    design: a.design ?? null,
    crs: crsView(a),
    front: frontMatter(a, options.logo ?? null),
    figures: {
      zoneDiagram: a.zones.length ? await zoneDiagram(a, traffic) : null,
      radar: slRadar(a),
      matrix: zoneMatrix(a, traffic),
      maturity: maturityChart(a),
      heatMap: risks?.length ? riskHeatMap(risks, riskMatrix) : null,
    },
  };
}

/** The figures in the order the report shows them. */
export function figuresInOrder(v: ReportView): Figure[] {
  const f = v.figures;
  return [f.zoneDiagram, f.radar, f.heatMap, f.maturity, f.matrix].filter((x): x is Figure => x !== null);
}
