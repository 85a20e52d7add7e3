/**
 * The front matter of the report a client signs, first in the report: "Scope and method" (client, SuC, sites and
 * zones in and out, methods, the evidence actually used, the IEC 62443 editions applied), "Limitations" (what the
 * analyses found was not looked at), "Assessment team" and "Document control" with the sign-off table. What
 * plant.yaml's engagement does not state is said so, naming the field.
 */
import { TextRun } from "docx";
import { SIGN_OFF_ROLES, type SignOffRole } from "../../model/engagement.js";
import { standardRef } from "../../standard/editions.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { Fact } from "../view/design.js";
import { sucWords, zonesInScope } from "../view/design.js";
import { notStated } from "../view/front-matter.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, sectionHtml, tableHtml } from "./common.js";
import { factsHtml, factsTable } from "./design.js";
import type { ReportSectionEntry } from "./section.js";
import { zoneName } from "./zones.js";

const list = (items: readonly string[] | undefined, field: string): string[] =>
  items?.length ? [...items] : [notStated(field)];

/** `2026-11-24 to 2026-11-26`, in the report's date format. */
export function fieldworkText(v: ReportView): string {
  const d = v.front.engagement?.dates;
  const { date } = v.front;
  if (d?.fieldworkFrom && d.fieldworkTo)
    return d.fieldworkFrom === d.fieldworkTo
      ? date(d.fieldworkFrom)
      : `${date(d.fieldworkFrom)} to ${date(d.fieldworkTo)}`;
  if (d?.fieldworkFrom) return `from ${date(d.fieldworkFrom)}`;
  return notStated("dates.fieldworkFrom, dates.fieldworkTo");
}

function scopeFacts(v: ReportView): Fact[] {
  const { a } = v;
  const e = v.front.engagement;
  const inZones = zonesInScope(a).map((z) => `${z.name} (${z.id})`);
  const outZones = a.zones
    .filter((z) => !z.inScope)
    .map((z) => `${z.name} (${z.id}): outside the SuC, a source of threat`);
  return [
    { label: "Client", lines: [e?.client ?? notStated("client")] },
    { label: "Assessor", lines: [e?.assessor ?? notStated("assessor")] },
    { label: "Site", lines: [a.site] },
    { label: "Fieldwork", lines: [fieldworkText(v)] },
    { label: "System under consideration", lines: [`${sucWords(v)}; see the design basis`] },
    { label: "Sites", lines: list(e?.scope?.sites, "scope.sites") },
    { label: "Zones assessed", lines: inZones.length ? inZones : ["none"] },
    {
      label: "Zones not assessed",
      lines: outZones.length ? outZones : ["none: every zone of plant.yaml is in the SuC"],
    },
    { label: "Also in scope", lines: list(e?.scope?.in, "scope.in") },
    { label: "Out of scope", lines: list(e?.scope?.out, "scope.out") },
    ...(e?.scope?.notes ? [{ label: "Scope notes", lines: [e.scope.notes] }] : []),
    { label: "Methods", lines: v.front.methods.length ? v.front.methods : [notStated("methods")] },
  ];
}

const documentRows = (v: ReportView): string[][] =>
  (v.front.engagement?.documents ?? []).map((d) => [
    d.title,
    d.version ?? "—",
    d.date ? v.front.date(d.date) : "—",
  ]);
const interviewRows = (v: ReportView): string[][] =>
  (v.front.engagement?.interviews ?? []).map((i) => [
    i.role,
    i.name ?? "—",
    i.date ? v.front.date(i.date) : "—",
    i.topics ?? "—",
  ]);
const rowsHtml = (rows: string[][]): string[] =>
  rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`);

function scopeHtml(v: ReportView): string {
  const f = v.front;
  const evidence = f.evidence.length
    ? tableHtml(
        ["Kind", "File", "Taken"],
        f.evidence.map(
          (x) =>
            `<tr><td>${esc(x.kind)}</td><td><code>${esc(x.path)}</code></td><td class="small">${esc(x.detail)}</td></tr>`,
        ),
        "the plant folder's dated inputs, their own times and plant.yaml's evidence.captures; every input with its SHA-256 is in <a href=\"#inputs\">Evidence and inputs</a>.",
      )
    : emptyNote(
        "No dated evidence (capture, configuration, export or scan) was read: the results rest on plant.yaml and the answers.",
      );
  const docs = documentRows(v);
  const talks = interviewRows(v);
  return sectionHtml(
    "scope",
    "Scope and method",
    `${factsHtml(scopeFacts(v))}
<p>The system under consideration, its boundary, access points and the threat agents are set out in <a href="#design">Design basis</a>.</p>
<h3>Evidence used</h3>
${evidence}
<h3>Documents reviewed</h3>
${docs.length ? tableHtml(["Document", "Version", "Date"], rowsHtml(docs), "plant.yaml (engagement.documents).") : emptyNote(esc(notStated("documents")))}
<h3>Interviews</h3>
${talks.length ? tableHtml(["Role", "Name", "Date", "Topics"], rowsHtml(talks), "plant.yaml (engagement.interviews).") : emptyNote(esc(notStated("interviews")))}
<h3>Standards applied</h3>
${tableHtml(
  ["Part and edition", "Title", "Used for"],
  f.standards.map(
    (s) =>
      `<tr><td class="nowrap"><strong>${esc(standardRef(s))}</strong></td><td>${esc(s.title)}</td><td class="small">${esc(s.use)}</td></tr>`,
  ),
  "otaudit's catalogues, which follow these editions.",
)}`,
    "Who the assessment was made for, what it covered, how, and on which evidence.",
  );
}

function scopeBlocks({ v }: DocxContext): Block[] {
  const f = v.front;
  const docs = documentRows(v);
  const talks = interviewRows(v);
  return [
    factsTable(scopeFacts(v)),
    word.para(
      "The system under consideration, its boundary, access points and the threat agents are set out in the design basis section.",
    ),
    word.label("Evidence used"),
    ...(f.evidence.length
      ? [
          word.table(
            ["Kind", "File", "Taken"],
            f.evidence.map((x) => [x.kind, x.path, x.detail]),
            [20, 30, 50],
          ),
          word.sourceNote(
            "the plant folder's dated inputs, their own times and plant.yaml's evidence.captures.",
          ),
        ]
      : [word.emptyNote("No dated evidence (capture, configuration, export or scan) was read.")]),
    word.label("Documents reviewed"),
    ...(docs.length
      ? [word.table(["Document", "Version", "Date"], docs, [60, 15, 25])]
      : [word.emptyNote(notStated("documents"))]),
    word.label("Interviews"),
    ...(talks.length
      ? [word.table(["Role", "Name", "Date", "Topics"], talks, [25, 20, 20, 35])]
      : [word.emptyNote(notStated("interviews"))]),
    word.label("Standards applied"),
    word.table(
      ["Part and edition", "Title", "Used for"],
      f.standards.map((s) => [standardRef(s), s.title, s.use]),
      [22, 35, 43],
    ),
  ];
}

/** The limitations as sentences, each from what the analyses decided. */
export function limitationLines(v: ReportView): string[] {
  const l = v.front.limitations;
  const lines: string[] = [];
  if (l.unseenZones === null)
    lines.push(
      "No capture was read: the network traffic of every zone was not observed, and the wire decides none of their requirements.",
    );
  else {
    if (l.unseenZones.length)
      lines.push(
        `Zones no capture saw (their traffic was not observed, and the wire decides none of their requirements): ${l.unseenZones.map((z) => `${zoneName(v, z)} (${z})`).join(", ")}.`,
      );
    else
      lines.push(
        l.coverageDeclared
          ? "Every zone of the SuC was seen by a capture declared in plant.yaml (evidence.captures)."
          : "plant.yaml declares no capture coverage (evidence.captures): every capture was taken to see every zone.",
      );
    if (l.unseenConduits.length) lines.push(`Conduits no capture saw: ${l.unseenConduits.join(", ")}.`);
  }
  if (l.old.length)
    lines.push(
      `Inputs older than the ${l.maxAgeDays}-day limit at the assessment date (their findings and results are marked as resting on old evidence): ${l.old.map((o) => `${o.path} (${o.ageDays} days old${o.taken ? `, ${o.taken}` : ""})`).join("; ")}.`,
    );
  else if (l.maxAgeDays !== null) lines.push(`No input is older than the ${l.maxAgeDays}-day limit.`);
  if (l.unanswered.length) {
    const n = l.unanswered.reduce((s, u) => s + u.ids.length, 0);
    lines.push(
      `${n} requirement result${n === 1 ? "" : "s"} needed for the SL-T that nobody answered and no evidence decided (unknown, never taken as met): ${l.unanswered.map((u) => `${u.scope}: ${u.ids.length}`).join("; ")}.`,
    );
  } else lines.push("Every requirement the SL-T asks for was answered or decided by evidence.");
  if (l.problems)
    lines.push(
      `${l.problems} input warning${l.problems === 1 ? "" : "s"} (listed in Evidence and inputs): what they concern was read in part or not at all.`,
    );
  return lines;
}

function limitationsHtml(v: ReportView): string {
  return sectionHtml(
    "limitations",
    "Limitations",
    `<ul class="limitations">${limitationLines(v)
      .map((l) => `<li>${esc(l)}</li>`)
      .join("")}</ul>
<p class="note">Beyond these, the assessment covers only what the plant folder holds: what no input shows is not known, and is not reported as secure.</p>`,
    "What the assessment did not look at, as the analyses found it.",
  );
}

function limitationsBlocks({ v }: DocxContext): Block[] {
  return [
    ...limitationLines(v).map((l) => word.bullet(l)),
    word.para(
      "Beyond these, the assessment covers only what the plant folder holds: what no input shows is not known, and is not reported as secure.",
      { muted: true },
    ),
  ];
}

const teamRows = (v: ReportView): string[][] =>
  (v.front.engagement?.team ?? []).map((m) => [
    m.name,
    m.role ?? "—",
    m.qualification ?? "—",
    m.organisation ?? v.front.engagement?.assessor ?? "—",
  ]);

function teamHtml(v: ReportView): string {
  const rows = teamRows(v);
  return sectionHtml(
    "team",
    "Assessment team",
    rows.length
      ? tableHtml(
          ["Name", "Role", "Qualification", "Organisation"],
          rowsHtml(rows),
          "plant.yaml (engagement.team).",
        )
      : emptyNote(esc(notStated("team"))),
  );
}

function teamBlocks({ v }: DocxContext): Block[] {
  const rows = teamRows(v);
  return rows.length
    ? [word.table(["Name", "Role", "Qualification", "Organisation"], rows, [25, 25, 25, 25])]
    : [word.emptyNote(notStated("team"))];
}

function controlFacts(v: ReportView): Fact[] {
  const { a } = v;
  const e = v.front.engagement;
  return [
    { label: "Document", lines: [v.title] },
    { label: "Version", lines: [e?.version ?? notStated("version")] },
    {
      label: "Date",
      lines: [
        `${v.front.date(v.front.reportDate)}${e?.dates?.report ? "" : " (the assessment date; engagement.dates.report not stated)"}`,
      ],
    },
    {
      label: "Classification",
      lines: [
        v.front.classificationStated
          ? v.front.classification
          : `${notStated("classification")}; treated as: ${v.front.classification}`,
      ],
    },
    { label: "Distribution", lines: list(e?.distribution, "distribution") },
    { label: "Assessment id", lines: [a.id] },
    { label: "Tool", lines: [`${a.tool.name} ${a.tool.version}`] },
  ];
}

const SIGN_HEAD = ["", "Name", "Role", "Date", "Signature"];
function signRows(v: ReportView): string[][] {
  const s = v.front.engagement?.signOff;
  return (Object.keys(SIGN_OFF_ROLES) as SignOffRole[]).map((k) => {
    const who = s?.[k];
    return [
      SIGN_OFF_ROLES[k],
      who?.name ?? notStated(`signOff.${k}`),
      who?.role ?? "—",
      who?.date ? v.front.date(who.date) : "",
      "",
    ];
  });
}

function controlHtml(v: ReportView): string {
  return sectionHtml(
    "document-control",
    "Document control",
    `${factsHtml(controlFacts(v))}
<h3>Sign-off</h3>
${tableHtml(
  SIGN_HEAD,
  signRows(v).map(
    (r) =>
      `<tr class="sign-row"><th scope="row">${esc(r[0]!)}</th>${r
        .slice(1, 4)
        .map((c) => `<td>${esc(c)}</td>`)
        .join("")}<td class="signature"></td></tr>`,
  ),
  "plant.yaml (engagement.signOff); the signature is left for ink.",
  'class="sign-off"',
)}`,
  );
}

/** The sign-off table in Word: report.docx's document control and crs.docx's title page. */
export function signOffTable(v: ReportView): Block {
  return word.table(
    SIGN_HEAD,
    signRows(v).map((r) => [[word.bold(r[0]!)], r[1]!, r[2]!, r[3]!, [new TextRun({ text: " ", size: 40 })]]),
    [18, 24, 22, 14, 22],
  );
}

function controlBlocks({ v }: DocxContext): Block[] {
  return [
    factsTable(controlFacts(v)),
    word.label("Sign-off"),
    signOffTable(v),
    word.sourceNote("plant.yaml (engagement.signOff); the signature is left for ink."),
  ];
}

export const scopeSection = {
  id: "scope",
  title: "Scope and method",
  newPage: true,
  html: scopeHtml,
  docx: scopeBlocks,
} satisfies ReportSectionEntry;

export const limitationsSection = {
  id: "limitations",
  title: "Limitations",
  newPage: false,
  html: limitationsHtml,
  docx: limitationsBlocks,
} satisfies ReportSectionEntry;

export const teamSection = {
  id: "team",
  title: "Assessment team",
  newPage: false,
  html: teamHtml,
  docx: teamBlocks,
} satisfies ReportSectionEntry;

export const documentControlSection = {
  id: "document-control",
  title: "Document control",
  newPage: false,
  html: controlHtml,
  docx: controlBlocks,
} satisfies ReportSectionEntry;
