/** CSV exports for spreadsheets: findings, assets, gaps (of zones and conduits) and risks. */
import { stringify } from "csv-stringify/sync";
import type { Assessment } from "../model/assessment.js";
import { formatEvidence } from "../model/evidence.js";
import { FOUNDATIONAL_REQUIREMENTS } from "../model/security-level.js";
import {
  compensationText,
  type Gap,
  MET_BY_COMPENSATION,
  metByCompensation,
  overruleText,
  type RequirementResult,
} from "../model/verdicts.js";
import { requiredAt } from "../standard/requirements.js";

/**
 * Every CSV goes through here. Cells hold text from the wire and from files (a DHCP vendor class, a host name),
 * and a spreadsheet runs a cell starting with `=`, `+`, `-`, `@`, tab or CR as a formula: `escape_formulas`
 * prefixes such text with `'`. Numbers are passed as numbers, which it leaves alone, so a score of -3 stays -3.
 */
function toCsv<C extends string>(rows: Record<C, string | number>[], columns: readonly C[]): string {
  return stringify(rows, { header: true, columns: [...columns], escape_formulas: true });
}

export function findingsCsv(a: Assessment): string {
  return toCsv(
    a.findings.map((f) => ({
      id: f.id,
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      summary: f.summary,
      zones: f.zones.join(" "),
      assets: f.assets.join(" "),
      requirements: f.requirements.join("; "),
      evidence: f.evidence.map(formatEvidence).join("; "),
      remediation: f.remediation,
      // The assessor's word (dispositions.yaml): a status to filter on; empty where none applies.
      disposition: f.disposition?.status ?? "",
    })),
    [
      "id",
      "rule",
      "severity",
      "title",
      "summary",
      "zones",
      "assets",
      "requirements",
      "evidence",
      "remediation",
      "disposition",
    ],
  );
}

export function assetsCsv(a: Assessment): string {
  return toCsv(
    a.assets.map((x) => ({
      id: x.id,
      name: x.name,
      role: x.role,
      zone: x.zone ?? "",
      declared: x.declared ? "yes" : "no",
      ips: x.ips.join(" "),
      macs: x.macs.join(" "),
      hostnames: x.hostnames.join(" "),
      vendor: x.vendor?.value ?? "",
      product: x.product?.value ?? "",
      model: x.model?.value ?? "",
      firmware: x.firmware?.value ?? "",
      protocols: x.protocols.join(" "),
      sources: x.sources.map(formatEvidence).join("; "),
    })),
    [
      "id",
      "name",
      "role",
      "zone",
      "declared",
      "ips",
      "macs",
      "hostnames",
      "vendor",
      "product",
      "model",
      "firmware",
      "protocols",
      "sources",
    ],
  );
}

/**
 * Every gap of every zone, then of every conduit: the requirements the target asks for that are not shown met. A
 * zone's row names its zone, a conduit's its conduit (judged in FR3-FR5 only). After a scope's gaps come the
 * requirements its target asks for that count as met only on a person's word beside the evidence, marked `gap` no:
 * met by compensating countermeasure (result `met by compensating countermeasure`, the countermeasure in
 * `compensation`), or with contradicting evidence the assessor overruled (`overruled`: the contradiction, who,
 * when and why).
 */
export function gapsCsv(a: Assessment): string {
  const row = (
    zone: string,
    conduit: string,
    g: Omit<Gap, "priority">,
    q: RequirementResult | undefined,
    gap: boolean,
  ) => ({
    zone,
    conduit,
    gap: gap ? "yes" : "no",
    requirement: g.requirement,
    title: g.title,
    fr: g.fr,
    needed_for_sl: g.neededFor,
    result: q && metByCompensation(q) ? MET_BY_COMPENSATION : g.result,
    findings: g.findings.join(" "),
    remediation: g.remediation,
    question: g.question,
    compensation: (q?.compensations ?? []).map(compensationText).join("; "),
    overruled: q?.overruled ? `${q.overruled.contradiction} Overruled: ${overruleText(q.overruled)}` : "",
  });
  const scope = (
    zone: string,
    conduit: string,
    s: {
      slTarget: readonly number[];
      gaps: readonly Omit<Gap, "priority">[];
      requirements: readonly RequirementResult[];
    },
  ) => {
    const results = new Map(s.requirements.map((q) => [q.id, q]));
    // What the target asks for and a person's word counts as met: compensated, or evidence overruled.
    const judged = FOUNDATIONAL_REQUIREMENTS.flatMap((fr, i) =>
      requiredAt(fr, s.slTarget[i] ?? 0).flatMap((req) => {
        const q = results.get(req.id);
        if (!q || s.gaps.some((g) => g.requirement === req.id)) return [];
        if (!metByCompensation(q) && !q.overruled) return [];
        const g = {
          requirement: req.id,
          title: req.title,
          fr,
          neededFor: req.minSL,
          result: q.result,
          findings: q.findings,
          remediation: "",
          question: req.guidance.question,
        };
        return [row(zone, conduit, g, q, false)];
      }),
    );
    return [...s.gaps.map((g) => row(zone, conduit, g, results.get(g.requirement), true)), ...judged];
  };
  return toCsv(
    [
      ...a.zones.flatMap((z) => scope(z.id, "", z)),
      ...a.conduits.flatMap((c) => scope("", c.id, { ...c, slTarget: c.slTarget ?? [] })),
    ],
    [
      "zone",
      "conduit",
      "gap",
      "requirement",
      "title",
      "fr",
      "needed_for_sl",
      "result",
      "findings",
      "remediation",
      "question",
      "compensation",
      "overruled",
    ],
  );
}

/** The risk register; only the header when the assessment has none. */
export function risksCsv(a: Assessment): string {
  return toCsv(
    (a.risks ?? []).map((r) => ({
      id: r.id,
      scenario: r.scenario,
      title: r.title,
      zone: r.zone,
      techniques: r.techniques.join(" "),
      likelihood: r.unmitigated.likelihood,
      impact: r.unmitigated.impact,
      unmitigated: r.unmitigated.score,
      residual_likelihood: r.residual.likelihood,
      residual_impact: r.residual.impact,
      residual: r.residual.score,
      tolerable: r.residual.tolerable ? "yes" : "no",
      overridden: r.overridden ? "yes" : "no",
      countermeasures: r.countermeasures.map((c) => `${c.requirement} ${c.result}`).join("; "),
      reasons: r.reasons.join("; "),
      residual_reasons: r.residualReasons.join("; "),
      evidence: r.evidence.map(formatEvidence).join("; "),
    })),
    [
      "id",
      "scenario",
      "title",
      "zone",
      "techniques",
      "likelihood",
      "impact",
      "unmitigated",
      "residual_likelihood",
      "residual_impact",
      "residual",
      "tolerable",
      "overridden",
      "countermeasures",
      "reasons",
      "residual_reasons",
      "evidence",
    ],
  );
}
