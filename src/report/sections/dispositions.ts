/**
 * The dispositions appendix: what the assessor set aside or qualified in dispositions.yaml, by whom and when.
 * Findings dismissed as false positives, risks accepted (owner, approver, until when), findings compensated (the
 * countermeasure and the requirements it covers), fixes pending verification; then the acceptances that have
 * expired, whose findings count again, and the stale entries, whose findings this run did not raise.
 */
import { TextRun } from "docx";
import type { Assessment } from "../../model/assessment.js";
import { type DispositionStatus, type FindingDisposition, STATUS_WORDS } from "../../model/dispositions.js";
import { type Evidence, formatEvidence } from "../../model/evidence.js";
import type { Finding } from "../../model/finding.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import {
  emptyNote,
  findingLink,
  plural,
  sectionHtml,
  severityBadge,
  sourceNote,
  tableHtml,
} from "./common.js";
import { evidenceHtml } from "./evidence-html.js";
import type { ReportSectionEntry } from "./section.js";

type Of<S extends DispositionStatus> = Extract<FindingDisposition, { status: S }>;

/** One entry, with the finding it applies to when the run raised it. */
interface Entry<D extends FindingDisposition = FindingDisposition> {
  id: string;
  finding: Finding | undefined;
  d: D;
}

interface DispositionParts {
  falsePositive: Entry<Of<"false-positive">>[];
  accepted: Entry<Of<"accepted">>[];
  compensated: Entry<Of<"compensated">>[];
  pending: Entry<Of<"fixed-pending-verification">>[];
  expired: Entry<Of<"accepted">>[];
  stale: Entry[];
}

/** The entries of dispositions.yaml by what became of them; null when the plant folder has none. */
export function dispositionParts(a: Assessment): DispositionParts | null {
  if (!a.dispositions) return null;
  const byId = new Map(a.findings.map((f) => [f.id, f]));
  const parts: DispositionParts = {
    falsePositive: [],
    accepted: [],
    compensated: [],
    pending: [],
    expired: [],
    stale: [],
  };
  for (const r of a.dispositions) {
    const e = { id: r.finding, finding: byId.get(r.finding), d: r.disposition };
    if (r.state === "stale") parts.stale.push(e);
    else if (r.state === "expired") parts.expired.push(e as Entry<Of<"accepted">>);
    else addApplied(parts, e);
  }
  return parts;
}

function addApplied(parts: DispositionParts, e: Entry): void {
  const { d } = e;
  if (d.status === "false-positive") parts.falsePositive.push({ ...e, d });
  else if (d.status === "accepted") parts.accepted.push({ ...e, d });
  else if (d.status === "compensated") parts.compensated.push({ ...e, d });
  else parts.pending.push({ ...e, d });
}

const source = (d: FindingDisposition): Evidence => ({ kind: "line", file: d.file, line: d.line });

function recordedHtml(d: FindingDisposition, v: ReportView): string {
  return `${esc(d.by)}<br><span class="muted">${esc(d.date)}</span><br>${evidenceHtml(source(d), v.evidence)}`;
}

function findingHtml(e: Entry): string {
  return `${findingLink(e.id)}${e.finding ? `<br>${severityBadge(e.finding.severity)} <span class="small">${esc(e.finding.summary)}</span>` : ""}`;
}

function part(title: string, head: string[], rows: string[], note: string): string {
  if (rows.length === 0) return "";
  return `<h3>${esc(title)} (${rows.length})</h3>${tableHtml(head, rows, note, 'class="dispositions"')}`;
}

function dispositionsHtml(v: ReportView): string {
  const parts = dispositionParts(v.a);
  const title = "Appendix: finding dispositions";
  if (!parts)
    return sectionHtml(
      "dispositions",
      title,
      emptyNote(
        "No dispositions.yaml in the plant folder: every finding counts as the checks raised it. The assessor records there a finding judged a false positive, a risk accepted, a finding compensated or a fix pending verification, with who and when.",
      ),
    );
  const total = v.a.dispositions!.length;
  if (total === 0)
    return sectionHtml("dispositions", title, emptyNote("dispositions.yaml records no disposition."));
  const tr = (cells: string[]) => `<tr>${cells.map((c) => `<td class="small">${c}</td>`).join("")}</tr>`;
  const body = [
    part(
      "Dismissed as false positives",
      ["Finding", "Why the evidence is wrong", "Recorded"],
      parts.falsePositive.map((e) => tr([findingHtml(e), esc(e.d.justification), recordedHtml(e.d, v)])),
      "dispositions.yaml. A dismissed finding stays listed (Findings, at the end) and bears on no requirement result, SL-A, conduit verdict, posture or action. The comparison with the previous review still lists it among the findings the checks raised.",
    ),
    part(
      "Accepted risks",
      ["Finding", "Owner", "Approved by", "Until", "Rationale", "Recorded"],
      parts.accepted.map((e) =>
        tr([
          findingHtml(e),
          esc(e.d.owner),
          esc(e.d.approver),
          `<span class="nowrap">${esc(e.d.expires)}</span>`,
          esc(e.d.rationale),
          recordedHtml(e.d, v),
        ]),
      ),
      "dispositions.yaml. An accepted risk is still a weakness: the finding counts against its requirements as before, but the remediation plan does not rank it until the acceptance ends.",
    ),
    part(
      "Compensated",
      ["Finding", "Countermeasure", "Requirements covered", "Evidence", "Recorded"],
      parts.compensated.map((e) =>
        tr([
          findingHtml(e),
          esc(e.d.countermeasure),
          esc(e.d.requirements.join(", ")),
          esc(e.d.evidence),
          recordedHtml(e.d, v),
        ]),
      ),
      "dispositions.yaml. For the requirements covered, the countermeasure takes the place of the finding's evidence in the finding's zones and conduits, and stands as a \"met\" answer where answers.yaml gives none; an answer given there decides, and other evidence against a requirement still makes it not met.",
    ),
    part(
      "Fixed, pending verification",
      ["Finding", "Reference", "Recorded"],
      parts.pending.map((e) => tr([findingHtml(e), esc(e.d.reference), recordedHtml(e.d, v)])),
      "dispositions.yaml. The finding counts as before until the evidence no longer shows it; the entry then turns stale and can go.",
    ),
    part(
      "Expired acceptances",
      ["Finding", "Ended on", "Owner", "Approved by", "Recorded"],
      parts.expired.map((e) =>
        tr([
          findingHtml(e),
          `<span class="nowrap warn">${esc(e.d.expires)}</span>`,
          esc(e.d.owner),
          esc(e.d.approver),
          recordedHtml(e.d, v),
        ]),
      ),
      `dispositions.yaml, against the assessment date ${esc((v.a.asOf ?? v.a.startedAt).slice(0, 10))}. The acceptance no longer applies: the finding counts as any other and is back in the remediation plan.`,
    ),
    part(
      "Stale entries",
      ["Entry", "Finding id", "Disposition", "Recorded"],
      parts.stale.map((e) =>
        tr([
          evidenceHtml(source(e.d), v.evidence),
          `<code>${esc(e.id)}</code>`,
          esc(STATUS_WORDS[e.d.status]),
          `${esc(e.d.by)}, ${esc(e.d.date)}`,
        ]),
      ),
      "dispositions.yaml. This run raised no finding with the id: it was fixed, or what it is about was renamed or moved (an id that names a firewall rule by its line changes when lines are added above it).",
    ),
  ].join("\n");
  return sectionHtml(
    "dispositions",
    title,
    `${body}${sourceNote("dispositions.yaml in the plant folder; every entry names who recorded it and when, and links to its line.")}`,
    `The assessor's word on ${plural(total, "finding")}: ${summaryWords(parts)}.`,
  );
}

function summaryWords(p: DispositionParts): string {
  return [
    [p.falsePositive.length, "dismissed as false positive"],
    [p.accepted.length, "accepted"],
    [p.compensated.length, "compensated"],
    [p.pending.length, "fixed pending verification"],
    [p.expired.length, "acceptance expired"],
    [p.stale.length, "stale"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(", ");
}

function dispositionsBlocks({ v }: DocxContext): Block[] {
  const parts = dispositionParts(v.a);
  if (!parts)
    return [
      word.emptyNote(
        "No dispositions.yaml in the plant folder: every finding counts as the checks raised it.",
      ),
    ];
  if (v.a.dispositions!.length === 0) return [word.emptyNote("dispositions.yaml records no disposition.")];
  const recorded = (d: FindingDisposition) => [
    new TextRun({ text: `${d.by}, ${d.date} `, size: 16 }),
    ...word.evidenceRuns(source(d), v.evidence.anchorOf),
  ];
  const finding = (e: Entry) => (e.finding ? `${e.id}\n${e.finding.summary}` : e.id);
  const blocks: Block[] = [
    word.para(
      `The assessor's word on ${plural(v.a.dispositions!.length, "finding")}: ${summaryWords(parts)}.`,
    ),
  ];
  const add = (title: string, head: string[], rows: word.Cell[][], widths: number[]) => {
    if (rows.length === 0) return;
    blocks.push(word.label(`${title} (${rows.length})`), word.table(head, rows, widths));
  };
  add(
    "Dismissed as false positives",
    ["Finding", "Why the evidence is wrong", "Recorded"],
    parts.falsePositive.map((e) => [finding(e), e.d.justification, recorded(e.d)]),
    [34, 44, 22],
  );
  add(
    "Accepted risks",
    ["Finding", "Owner", "Approved by", "Until", "Rationale", "Recorded"],
    parts.accepted.map((e) => [
      finding(e),
      e.d.owner,
      e.d.approver,
      e.d.expires,
      e.d.rationale,
      recorded(e.d),
    ]),
    [24, 13, 13, 10, 22, 18],
  );
  add(
    "Compensated",
    ["Finding", "Countermeasure", "Requirements covered", "Evidence", "Recorded"],
    parts.compensated.map((e) => [
      finding(e),
      e.d.countermeasure,
      e.d.requirements.join(", "),
      e.d.evidence,
      recorded(e.d),
    ]),
    [24, 26, 12, 20, 18],
  );
  add(
    "Fixed, pending verification",
    ["Finding", "Reference", "Recorded"],
    parts.pending.map((e) => [finding(e), e.d.reference, recorded(e.d)]),
    [40, 40, 20],
  );
  add(
    "Expired acceptances: the findings count again",
    ["Finding", "Ended on", "Owner", "Approved by", "Recorded"],
    parts.expired.map((e) => [finding(e), e.d.expires, e.d.owner, e.d.approver, recorded(e.d)]),
    [34, 12, 16, 16, 22],
  );
  add(
    "Stale entries: no such finding in this run",
    ["Entry", "Finding id", "Disposition", "Recorded"],
    parts.stale.map((e) => [
      formatEvidence(source(e.d)),
      e.id,
      STATUS_WORDS[e.d.status],
      `${e.d.by}, ${e.d.date}`,
    ]),
    [22, 40, 18, 20],
  );
  blocks.push(
    word.sourceNote(
      "dispositions.yaml in the plant folder. A false positive bears on no verdict; an accepted risk counts against its requirements but is left out of the remediation plan until it expires; a compensation stands as a met answer for the requirements it covers where answers.yaml gives none.",
    ),
  );
  return blocks;
}

export const dispositionsSection = {
  id: "dispositions",
  title: "Appendix: finding dispositions",
  newPage: true,
  html: dispositionsHtml,
  docx: dispositionsBlocks,
} satisfies ReportSectionEntry;
