/**
 * The IEC 62443-3-3 gap assessment: per zone, the requirements its target level asks for and does not meet,
 * with findings and what to do; answers that automated evidence contradicts; points to confirm, where evidence
 * against an answer rests only on otaudit's default thresholds and the answer stands; the checks still open. Then
 * the conduits' gaps in FR3-FR5, each with the evidence that decided it.
 */
import type { ConduitResult, ZoneResult } from "../../model/assessment.js";
import { formatEvidence } from "../../model/evidence.js";
import { formatSl } from "../../model/security-level.js";
import {
  type Gap,
  MET_BY_COMPENSATION,
  metByCompensation,
  RESULTS,
  type Result,
} from "../../model/verdicts.js";
import { catalogueOrder } from "../../standard/requirements.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import { achievedText, conduitLabel, noVerdict, targetsText } from "../view/conduits.js";
import { outsideOf, outsideWords, zonesInScope } from "../view/design.js";
import { RESULT_WORDS } from "../view/palette.js";
import type { ReportView } from "../view/report-view.js";
import { clip, emptyNote, findingLink, sectionHtml, tableHtml } from "./common.js";
import { evidenceListHtml } from "./evidence-html.js";
import {
  answerBadge,
  compensated,
  compensationBlocks,
  compensationsHtml,
  conflictBlocks,
  overruled,
  overruledBlocks,
  overruledHtml,
  requirementBadge,
  resultBadge,
} from "./judgements.js";
import type { ReportSectionEntry } from "./section.js";

export { resultBadge };

/** A requirement in one zone: the gap, or the zone's result when the requirement is no gap there. */
export interface GapCell {
  gap: Gap | null;
  result: Result | null;
  /** The zone's result rests only on old evidence: what it rests on. */
  oldEvidence?: string;
  /** Met by compensating countermeasure. */
  compensated?: boolean;
  /** The assessor overruled the evidence that contradicts the answer. */
  overruled?: boolean;
}

/** One requirement that some zone does not meet, with its state in every zone. */
export interface GapRow {
  requirement: string;
  title: string;
  fr: string;
  cells: Map<string, GapCell>;
  findings: string[];
  /** The remediation sentences of the zones' gaps, each once (gaps in several zones repeat them). */
  remediations: string[];
  lowestLevel: number;
  /** The gap assessment's plant-wide rank of the row's first gap (1 first). */
  priority: number;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z`(])/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** The remediation of a row, cut for the table; the whole text is in the tooltip and the findings say more. */
export function shortRemedy(row: GapRow, max = 320): string {
  const text = row.remediations.join(" ");
  return text.length <= max ? text : `${text.slice(0, text.lastIndexOf(" ", max))} …`;
}

/** Requirements not met or partly met in at least one zone, in the gap assessment's order of priority. */
export function gapRows(zones: readonly ZoneResult[]): GapRow[] {
  const rows = new Map<string, GapRow>();
  for (const z of zones) {
    for (const g of z.gaps) {
      if (g.result !== "not-met" && g.result !== "partial") continue;
      let row = rows.get(g.requirement);
      if (!row) {
        row = {
          requirement: g.requirement,
          title: g.title,
          fr: g.fr,
          cells: new Map(),
          findings: [],
          remediations: [],
          lowestLevel: g.neededFor,
          priority: g.priority,
        };
        rows.set(g.requirement, row);
      }
      row.lowestLevel = Math.min(row.lowestLevel, g.neededFor);
      row.priority = Math.min(row.priority, g.priority);
      for (const f of g.findings) if (!row.findings.includes(f)) row.findings.push(f);
      for (const sentence of sentences(g.remediation))
        if (!row.remediations.includes(sentence)) row.remediations.push(sentence);
    }
  }
  for (const row of rows.values()) {
    for (const z of zones) {
      const gap = z.gaps.find((g) => g.requirement === row.requirement) ?? null;
      const found = z.requirements.find((r) => r.id === row.requirement);
      row.cells.set(z.id, {
        gap,
        result: found?.result ?? null,
        ...(found?.oldEvidence ? { oldEvidence: found.oldEvidence } : {}),
        ...(found && metByCompensation(found) ? { compensated: true } : {}),
        ...(found?.overruled ? { overruled: true } : {}),
      });
    }
  }
  return [...rows.values()].sort(
    (x, y) => x.priority - y.priority || catalogueOrder(x.requirement) - catalogueOrder(y.requirement),
  );
}

function gapCell(cell: GapCell | undefined): string {
  const old = cell?.oldEvidence
    ? `<br><span class="small warn" title="${esc(cell.oldEvidence)}">old evidence</span>`
    : "";
  if (cell?.gap)
    return `${resultBadge(cell.gap.result)}<br><span class="small muted">for SL ${cell.gap.neededFor}</span>${old}`;
  const overruledMark = cell?.overruled
    ? '<br><span class="small warn" title="the assessor overruled the evidence against the answer: see Evidence overruled by the assessor">evidence overruled</span>'
    : "";
  if (cell?.result === "met")
    return `<span class="small" style="color:#2e7d32">${cell.compensated ? MET_BY_COMPENSATION : "met"}</span>${overruledMark}`;
  if (cell?.result === "not-applicable") return `<span class="small muted">n/a</span>${overruledMark}`;
  return '<span class="muted" title="not required at this zone\'s target level">·</span>';
}

function stillOpen(z: ZoneResult): string {
  const unknown = z.gaps
    .filter((g) => g.result === "unknown")
    .sort((x, y) => catalogueOrder(x.requirement) - catalogueOrder(y.requirement));
  if (unknown.length === 0) return "";
  return `<p class="still-open"><strong>${esc(z.name)}, still to assess (${unknown.length}):</strong> ${unknown
    .map((g) => `<span class="req" title="${esc(`${g.title}: ${g.question}`)}">${esc(g.requirement)}</span>`)
    .join(" ")}</p>`;
}

function gapsHtml(v: ReportView): string {
  const { a } = v;
  // A zone outside the system under consideration is not assessed: its row says so, and it has no column.
  const zones = zonesInScope(a);
  if (zones.every((z) => z.requirements.length === 0))
    return sectionHtml(
      "gaps",
      "Gap assessment",
      emptyNote(
        "No requirement was assessed: the gap assessment has no answers (answers.yaml) and no zone results in this run.",
      ),
    );
  const summary = a.zones.map((z) => {
    const outside = outsideOf(a, z);
    if (outside)
      return `<tr><td><strong>${esc(z.name)}</strong></td><td colspan="${RESULTS.length + 7}" class="outside-suc">${esc(outsideWords(outside))}</td></tr>`;
    const by = (r: Result) => z.requirements.filter((q) => q.result === r).length;
    return `<tr><td><strong>${esc(z.name)}</strong></td><td class="mono">${formatSl(z.slTarget)}</td><td class="mono">${formatSl(z.slAchieved)}</td>${RESULTS.map((r) => `<td class="num">${by(r) || ""}</td>`).join("")}<td class="num">${z.requirements.filter(metByCompensation).length || ""}</td><td class="num">${z.requirements.length}</td><td class="num">${z.requirements.filter((q) => q.conflict).length || ""}</td><td class="num">${z.requirements.filter((q) => q.overruled).length || ""}</td><td class="num">${z.requirements.filter((q) => q.toConfirm.length > 0).length || ""}</td></tr>`;
  });
  const conflicts = zones.flatMap((z) => z.requirements.filter((q) => q.conflict).map((q) => ({ z, q })));
  const conflictTable = conflicts.length
    ? `<h3>Answers that the evidence contradicts</h3>${tableHtml(
        ["Zone", "Requirement", "Answered", "Result", "Contradiction", "Evidence"],
        conflicts.map(
          ({ z, q }) =>
            `<tr class="flagged"><td>${esc(z.id)}</td><td class="nowrap">${esc(q.id)}</td><td>${q.answered ? answerBadge(q.answered) : "—"}</td><td>${resultBadge(q.result)}</td><td class="small">${clip(q.conflict ?? "", 360)}</td><td>${evidenceListHtml(q.evidence, v.evidence, 3)}</td></tr>`,
        ),
        "answers.yaml against the automated evidence; the assessor resolves each: revises the answer, or overrules the evidence in answers.yaml (the answer's override: who, when and why), which the report then shows beside the evidence.",
      )}`
    : "";
  const confirms = toConfirm(zones);
  const confirmTable = confirms.length
    ? `<h3>Points to confirm</h3>${tableHtml(
        ["Zone", "Requirement", "Answered", "Result", "To confirm", "Evidence"],
        confirms.map(
          ({ z, q }) =>
            `<tr><td>${esc(z.id)}</td><td class="nowrap">${esc(q.id)}</td><td>${q.answered ? answerBadge(q.answered) : "—"}</td><td>${requirementBadge(q)}</td><td class="small">${q.toConfirm.map((t) => clip(t, 360)).join("<br>")}</td><td>${evidenceListHtml(q.evidence, v.evidence, 3)}</td></tr>`,
        ),
        "findings measured against otaudit's default thresholds, which the site's baseline.yaml does not set. They do not overturn an answer; on a requirement nobody answered they decide it. The assessor confirms the site's threshold (and states it in baseline.yaml) or revises the answer.",
      )}`
    : "";
  const olds = onOldEvidence(zones);
  const oldTable = olds.length
    ? `<h3>Results resting on old evidence</h3>${tableHtml(
        ["Zone", "Requirement", "Result", "Rests on", "Evidence"],
        olds.map(
          ({ z, q }) =>
            `<tr class="flagged"><td>${esc(z.id)}</td><td class="nowrap">${esc(q.id)}</td><td>${resultBadge(q.result)}</td><td class="small">${clip(q.oldEvidence ?? "", 360)}</td><td>${evidenceListHtml(q.evidence, v.evidence, 3)}</td></tr>`,
        ),
        "the automated evidence that decided each result, and the times its inputs were taken (Evidence and inputs). The result stands; take the evidence again to confirm it.",
      )}`
    : "";
  const rows = gapRows(zones).map(
    (
      r,
    ) => `<tr><td class="num">${r.priority}</td><td class="nowrap"><strong>${esc(r.requirement)}</strong><br><span class="small muted">${esc(r.fr)}</span></td><td>${esc(r.title)}</td>
${zones.map((z) => `<td class="gap-cell">${gapCell(r.cells.get(z.id))}</td>`).join("")}
<td class="refs-cell">${r.findings.slice(0, 5).map(findingLink).join("<br>")}${r.findings.length > 5 ? `<br><span class="muted">and ${r.findings.length - 5} more</span>` : ""}${r.findings.length ? "" : '<span class="muted">answers only</span>'}</td>
<td class="small" title="${esc(r.remediations.join(" "))}">${esc(shortRemedy(r))}</td></tr>`,
  );
  const table = rows.length
    ? tableHtml(
        ["Priority", "Requirement", "Title", ...zones.map((z) => esc(z.id)), "Findings", "What to do"],
        rows,
        "answers.yaml and the findings that bear on each requirement; the IEC 62443-3-3 catalogue (the level each requirement is required at). Priority: the gap assessment's plant-wide rank (zone criticality, size of the gap, findings behind it, level that needs it). A dot: not required at the zone's target level.",
        'class="gaps"',
      )
    : emptyNote("No requirement is known to be unmet in any zone.");
  return sectionHtml(
    "gaps",
    "Gap assessment (IEC 62443-3-3)",
    `${tableHtml(["Zone", "SL-T", "SL-A", ...RESULTS.map((r) => RESULT_WORDS[r]), "Of them by compensating countermeasure", "Requirements", "Contradicted", "Overruled", "To confirm"], summary, "answers.yaml and the automated evidence, per zone, over every requirement up to SL 4. Met counts those met by compensating countermeasure; overruled: the assessor's answer stands against contradicting evidence.", 'class="counts"')}
${conflictTable}
${overruledHtml(overruled(zones, judgedConduits(v)), v.evidence)}
${compensationsHtml(compensated(zones, judgedConduits(v)), v.evidence)}
${confirmTable}
${oldTable}
<h3>Requirements not met</h3>${table}
<h3>Still to assess</h3>${zones.map(stillOpen).join("") || emptyNote("Every requirement the zones' targets ask for has a result.")}
${conduitGapsHtml(v)}`,
    "The system requirements (SR) and enhancements (RE) that some zone's target level asks for and that are not met or only partly met, with their state in every zone, most urgent first. A result is met only with evidence; what nobody answered stays unknown and is listed as still to assess.",
  );
}

/** The conduits with a verdict, whose requirements were judged. */
const judgedConduits = (v: ReportView) => v.a.conduits.filter((c) => noVerdict(c) === null);

/** A conduit's gaps with the result behind each: those not met first, then those only the records support. */
function conduitGapRows(c: ConduitResult) {
  const results = new Map(c.requirements.map((r) => [r.id, r]));
  const rows = c.gaps.map((g) => ({ g, r: results.get(g.requirement)! }));
  return {
    open: rows.filter(({ g }) => g.result === "not-met" || g.result === "partial"),
    // Unknown, with something on record (the records' support, a "met" answer naming no evidence): to confirm.
    supported: rows.filter(({ g, r }) => g.result === "unknown" && r.evidence.length > 0),
    unknown: rows.filter(({ g, r }) => g.result === "unknown" && r.evidence.length === 0),
  };
}

function conduitGapsHtml(v: ReportView): string {
  const { conduits } = v.a;
  if (conduits.length === 0) return "";
  const summary = conduits.map((c) => {
    const none = noVerdict(c);
    const name = `<td><strong>${esc(conduitLabel(c))}</strong><br><span class="muted">${esc(c.zones[0])} ↔ ${esc(c.zones[1])}</span></td>`;
    if (none) return `<tr>${name}<td colspan="${RESULTS.length + 3}" class="muted">${esc(none)}</td></tr>`;
    const by = (r: Result) => c.requirements.filter((q) => q.result === r).length;
    return `<tr>${name}<td class="mono">${esc(targetsText(c))}</td><td class="mono">${esc(achievedText(c))}</td>${RESULTS.map((r) => `<td class="num">${by(r) || ""}</td>`).join("")}<td class="num">${c.requirements.length}</td></tr>`;
  });
  const row = (c: ConduitResult, { g, r }: ReturnType<typeof conduitGapRows>["open"][number]) =>
    `<tr${r.conflict ? ' class="flagged"' : ""}><td>${esc(c.id)}</td><td class="nowrap"><strong>${esc(g.requirement)}</strong><br><span class="small muted">${esc(g.fr)}, for SL ${g.neededFor}</span></td><td>${esc(g.title)}</td><td>${resultBadge(g.result)}</td><td class="small">${clip(r.conflict ?? r.reason, 360)}${r.toConfirm.length ? `<br><span class="muted">To confirm: ${r.toConfirm.map((t) => clip(t, 240)).join("<br>")}</span>` : ""}</td><td>${evidenceListHtml(r.evidence, v.evidence, 4)}</td><td class="refs-cell">${g.findings.slice(0, 4).map(findingLink).join("<br>") || "—"}</td></tr>`;
  const head = ["Conduit", "Requirement", "Title", "Result", "Why", "Evidence", "Findings"];
  const judged = conduits.filter((c) => noVerdict(c) === null);
  const open = judged.flatMap((c) => conduitGapRows(c).open.map((x) => row(c, x)));
  const supported = judged.flatMap((c) => conduitGapRows(c).supported.map((x) => row(c, x)));
  const unknown = judged.flatMap((c) => {
    const list = conduitGapRows(c).unknown;
    return list.length
      ? [
          `<p class="still-open"><strong>${esc(conduitLabel(c))}, still to assess (${list.length}):</strong> ${list
            .map(
              ({ g }) =>
                `<span class="req" title="${esc(`${g.title}: ${g.question}`)}">${esc(g.requirement)}</span>`,
            )
            .join(" ")}</p>`,
        ]
      : [];
  });
  const source =
    "answers.yaml (conduits) and the automated evidence crossing each conduit: findings on the boundary of its two zones, writes and observations on flows between them, the firewall configurations between them and the protections plant.yaml declares.";
  return `<h3>Conduits</h3>
${tableHtml(["Conduit", "SL-T", "SL-A", ...RESULTS.map((r) => RESULT_WORDS[r]), "Requirements"], summary, "answers.yaml (conduits) and the automated evidence crossing each conduit, over every requirement of the FRs its SL-T sets (FR3-FR5) up to SL 4.", 'class="counts"')}
<h4>Conduit requirements not met</h4>${open.length ? tableHtml(head, open, source, 'class="gaps"') : emptyNote("No requirement is known to be unmet on any conduit.")}
${supported.length ? `<h4>Conduit requirements to confirm</h4>${tableHtml(head, supported, `${source} Neither the records' support nor a "met" that names no evidence makes a requirement met: the assessor confirms it in answers.yaml, naming what shows it.`)}` : ""}
<h4>Still to assess on the conduits</h4>${unknown.join("") || emptyNote("Every requirement the conduits' targets ask for has a result or the records' support.")}`;
}

/** Results the automated evidence decided on old inputs alone, zone by zone in catalogue order. */
export function onOldEvidence(zones: readonly ZoneResult[]) {
  return zones.flatMap((z) =>
    z.requirements
      .filter((q) => q.oldEvidence !== undefined)
      .sort((x, y) => catalogueOrder(x.id) - catalogueOrder(y.id))
      .map((q) => ({ z, q })),
  );
}

/** Requirements with points to confirm, zone by zone in catalogue order. */
function toConfirm(zones: readonly ZoneResult[]) {
  return zones.flatMap((z) =>
    z.requirements
      .filter((q) => q.toConfirm.length > 0)
      .sort((x, y) => catalogueOrder(x.id) - catalogueOrder(y.id))
      .map((q) => ({ z, q })),
  );
}

function gapsBlocks(ctx: DocxContext): Block[] {
  const { a } = ctx.v;
  const zones = zonesInScope(a);
  if (zones.every((z) => z.requirements.length === 0))
    return [word.emptyNote("No requirement was assessed in this run.")];
  const cell = (c: GapCell | undefined) =>
    c?.gap
      ? `${c.gap.result} (SL ${c.gap.neededFor})${c.oldEvidence ? "\nold evidence" : ""}`
      : c?.result === "met"
        ? `${c.compensated ? MET_BY_COMPENSATION : "met"}${c.overruled ? "\nevidence overruled" : ""}`
        : c?.result === "not-applicable"
          ? `n/a${c.overruled ? "\nevidence overruled" : ""}`
          : "·";
  const rows = gapRows(zones);
  const zoneWidth = Math.max(6, Math.floor(40 / Math.max(zones.length, 1)));
  return [
    word.table(
      ["Zone", "SL-T", "SL-A", ...RESULTS, "by compensation", "overruled"],
      a.zones.map((z) => {
        const outside = outsideOf(a, z);
        if (outside) return [z.name, outsideWords(outside)];
        return [
          z.name,
          formatSl(z.slTarget),
          formatSl(z.slAchieved),
          ...RESULTS.map((r) => String(z.requirements.filter((q) => q.result === r).length)),
          String(z.requirements.filter(metByCompensation).length),
          String(z.requirements.filter((q) => q.overruled).length),
        ];
      }),
    ),
    word.sourceNote(
      "answers.yaml and the automated evidence, per zone. Met counts those met by compensating countermeasure (also counted apart); overruled: the assessor's answer stands against contradicting evidence.",
    ),
    ...conflictBlocks(zones),
    ...overruledBlocks(overruled(zones, judgedConduits(ctx.v))),
    ...compensationBlocks(compensated(zones, judgedConduits(ctx.v))),
    ...confirmBlocks(zones),
    ...oldBlocks(zones),
    ...(rows.length
      ? [
          word.table(
            ["Requirement", "Title", ...zones.map((z) => z.id), "Findings", "What to do"],
            rows.map((r) => [
              r.requirement,
              r.title,
              ...zones.map((z) => cell(r.cells.get(z.id))),
              r.findings.slice(0, 5).join("\n") +
                (r.findings.length > 5 ? `\nand ${r.findings.length - 5} more` : "") || "answers only",
              shortRemedy(r, 400),
            ]),
            [9, 14, ...zones.map(() => zoneWidth), 14, 30],
          ),
          word.sourceNote(
            "answers.yaml and the findings bearing on each requirement; a dot: not required at the zone's target level.",
          ),
        ]
      : [word.emptyNote("No requirement is known to be unmet in any zone.")]),
    ...zones.flatMap((z) => {
      const unknown = z.gaps.filter((g) => g.result === "unknown");
      return unknown.length
        ? [
            word.para(
              `${z.name}, still to assess (${unknown.length}): ${unknown.map((g) => g.requirement).join(", ")}.`,
              { muted: true, size: 16 },
            ),
          ]
        : [];
    }),
    ...conduitGapBlocks(ctx),
  ];
}

function conduitGapBlocks({ v }: DocxContext): Block[] {
  const judged = v.a.conduits.filter((c) => noVerdict(c) === null);
  if (v.a.conduits.length === 0) return [];
  const rows = judged.flatMap((c) => {
    const { open, supported } = conduitGapRows(c);
    return [...open, ...supported].map(({ g, r }) => [
      c.id,
      `${g.requirement} (${g.fr}, SL ${g.neededFor})`,
      g.title,
      g.result,
      r.conflict ?? r.reason,
      r.evidence
        .slice(0, 4)
        .map((e) => `${formatEvidence(e)}${e.note ? ` ${e.note}` : ""}`)
        .join("\n"),
    ]);
  });
  return [
    word.table(
      ["Conduit", "SL-T", "SL-A", ...RESULTS],
      v.a.conduits.map((c) => {
        const none = noVerdict(c);
        if (none) return [conduitLabel(c), none, "", ...RESULTS.map(() => "")];
        return [
          conduitLabel(c),
          targetsText(c),
          achievedText(c),
          ...RESULTS.map((r) => String(c.requirements.filter((q) => q.result === r).length)),
        ];
      }),
    ),
    word.sourceNote("answers.yaml (conduits) and the automated evidence crossing each conduit, in FR3-FR5."),
    ...(rows.length
      ? [
          word.table(
            ["Conduit", "Requirement", "Title", "Result", "Why", "Evidence"],
            rows,
            [11, 12, 14, 8, 25, 30],
          ),
          word.sourceNote(
            "the conduits' gaps not met, and those to confirm in answers.yaml (supported by the records, or answered met without evidence), with the evidence behind each.",
          ),
        ]
      : [word.emptyNote("No requirement is known to be unmet on any conduit.")]),
    ...judged.flatMap((c) => {
      const unknown = conduitGapRows(c).unknown;
      return unknown.length
        ? [
            word.para(
              `${conduitLabel(c)}, still to assess (${unknown.length}): ${unknown.map(({ g }) => g.requirement).join(", ")}.`,
              { muted: true, size: 16 },
            ),
          ]
        : [];
    }),
  ];
}

function confirmBlocks(zones: readonly ZoneResult[]): Block[] {
  const confirms = toConfirm(zones);
  if (confirms.length === 0) return [];
  return [
    word.table(
      ["Zone", "Requirement", "Answered", "Result", "To confirm"],
      confirms.map(({ z, q }) => [
        z.id,
        q.id,
        q.answered ?? "—",
        metByCompensation(q) ? MET_BY_COMPENSATION : q.result,
        q.toConfirm.join("\n"),
      ]),
      [10, 12, 10, 10, 58],
    ),
    word.sourceNote(
      "points to confirm: findings measured against otaudit's default thresholds, which baseline.yaml does not set; they do not overturn an answer.",
    ),
  ];
}

function oldBlocks(zones: readonly ZoneResult[]): Block[] {
  const olds = onOldEvidence(zones);
  if (olds.length === 0) return [];
  return [
    word.table(
      ["Zone", "Requirement", "Result", "Rests on"],
      olds.map(({ z, q }) => [z.id, q.id, q.result, q.oldEvidence ?? ""]),
      [12, 14, 12, 62],
    ),
    word.sourceNote(
      "results resting on old evidence: the automated evidence that decided them comes only from inputs older than the evidence age limit.",
    ),
  ];
}

export const gapsSection = {
  id: "gaps",
  title: "Gap assessment",
  newPage: true,
  html: gapsHtml,
  docx: gapsBlocks,
} satisfies ReportSectionEntry;
