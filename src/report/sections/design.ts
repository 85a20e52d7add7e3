/**
 * The design basis (IEC 62443-3-2): the system under consideration with its boundary, access points and the zones
 * outside it (ZCR 1), the threat agents the risk was rated against (ZCR 5.1, 6.6), who approved which part of the
 * design (ZCR 7), and the characteristics plant.yaml documents of each zone and conduit (ZCR 6.4). The Word
 * blocks are shared with crs.docx, which opens with the same facts.
 */
import { TextRun } from "docx";
import type { DesignBasis } from "../../model/assessment.js";
import { APPROVAL_SUBJECTS } from "../../model/system-design.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import {
  APPROVAL_SUBJECT_WORDS,
  characteristicFacts,
  DEFAULT_AGENTS_NOTE,
  type Fact,
  NO_DESIGN_NOTE,
  NO_SUC,
  unapprovedNote,
} from "../view/design.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, sectionHtml, tableHtml } from "./common.js";
import type { ReportSectionEntry } from "./section.js";
import { zoneName } from "./zones.js";

/** A labelled list of facts, one line per item. */
export function factsHtml(facts: readonly Fact[]): string {
  return `<dl class="facts wide">${facts.map((f) => `<dt>${esc(f.label)}</dt><dd>${f.lines.map(esc).join("<br>")}</dd>`).join("")}</dl>`;
}

/** A two-column Word table of labelled facts. */
export function factsTable(facts: readonly Fact[]): Block {
  return word.table(
    [],
    facts.map((f) => [f.label, f.lines.join("\n")]),
    [26, 74],
  );
}

/** The SuC's facts: name, description, boundary, zones. */
function sucFacts(v: ReportView, d: DesignBasis): Fact[] {
  const s = d.system;
  if (!s) return [];
  return [
    { label: "Name", lines: [s.name] },
    ...(s.description ? [{ label: "Description", lines: [s.description] }] : []),
    { label: "Boundary", lines: [s.boundary ?? "not described in plant.yaml"] },
    { label: "Zones in it", lines: s.zones.map((id) => `${zoneName(v, id)} (${id})`) },
  ];
}

const approvalRow = (d: DesignBasis, subject: (typeof APPROVAL_SUBJECTS)[number]) =>
  d.approvals.filter((x) => x.subject === subject);

function designHtml(v: ReportView): string {
  const d = v.design;
  if (!d) return sectionHtml("design", "Design basis", emptyNote(NO_DESIGN_NOTE));
  const note = unapprovedNote(d);
  const s = d.system;
  const suc = s
    ? `${factsHtml(sucFacts(v, d))}
${
  s.accessPoints.length
    ? tableHtml(
        ["Access point", "Kind", "Conduit", "Asset", "Description"],
        s.accessPoints.map(
          (p) =>
            `<tr><td class="mono">${esc(p.id)}</td><td>${esc(p.kind)}</td><td>${esc(p.conduit ?? "—")}</td><td>${esc(p.asset ?? "—")}</td><td>${esc(p.description ?? "")}</td></tr>`,
        ),
        "plant.yaml (system.accessPoints): the ways into the system under consideration.",
      )
    : emptyNote("plant.yaml lists no access point of the system under consideration (system.accessPoints).")
}`
    : emptyNote(esc(NO_SUC));
  const outside = d.outside.length
    ? tableHtml(
        ["Zone outside the SuC", "Trust", "Why"],
        d.outside.map(
          (o) =>
            `<tr><td><strong>${esc(zoneName(v, o.zone))}</strong><br><span class="muted">${esc(o.zone)}</span></td><td>${esc(o.trust)}</td><td>${esc(o.reason ?? "not stated: a zone plant.yaml does not rate is untrusted")}</td></tr>`,
        ),
        "plant.yaml (system.external). A zone outside the system under consideration is a source of threat: it is not assessed against IEC 62443-3-3 and is marked so wherever zones are listed.",
      )
    : s
      ? emptyNote("Every zone of plant.yaml is in the system under consideration.")
      : "";
  const threats = `${d.threats.stated ? "" : emptyNote(esc(DEFAULT_AGENTS_NOTE))}${d.threats.description ? `<p>${esc(d.threats.description)}</p>` : ""}
${tableHtml(
  ["Threat agent", "Capability", "Motivation"],
  d.threats.agents.map(
    (t) =>
      `<tr><td><strong>${esc(t.name)}</strong><br><span class="muted">${esc(t.id)}</span>${t.description ? `<br><span class="small">${esc(t.description)}</span>` : ""}</td><td class="num">${t.capability}</td><td>${esc(t.motivation ?? "—")}</td></tr>`,
  ),
  `${d.threats.stated ? "plant.yaml (threats.agents)" : "otaudit's default threat agents"}. Capability on the scale of the security levels: 1 casual or accidental, 2 simple means, 3 sophisticated means with moderate resources and OT skills, 4 extended resources.`,
)}`;
  const approvals = tableHtml(
    ["Subject", "Covers", "Approved by", "Role", "Date", "Reference"],
    APPROVAL_SUBJECTS.flatMap((subject) => {
      const given = approvalRow(d, subject);
      const covers = `<td class="mono">${esc(subject)}</td><td class="small">${esc(APPROVAL_SUBJECT_WORDS[subject])}</td>`;
      if (given.length === 0)
        return [`<tr class="flagged">${covers}<td colspan="4" class="warn">not approved</td></tr>`];
      return given.map(
        (x) =>
          `<tr>${covers}<td>${esc(x.by)}</td><td>${esc(x.role ?? "—")}</td><td class="nowrap">${esc(x.date)}</td><td>${esc(x.reference ?? "—")}</td></tr>`,
      );
    }),
    "plant.yaml (approvals). IEC 62443-3-2 ZCR 7: the asset owner approves the system under consideration, its partitioning, the risk criteria and the target security levels the assessment rests on.",
  );
  const described = characteristicRows(v);
  const characteristics = described.rows.length
    ? `${tableHtml(
        ["Zone or conduit", "Characteristics"],
        described.rows.map(
          (r) =>
            `<tr><td><strong>${esc(r.name)}</strong><br><span class="muted">${esc(r.kind)} ${esc(r.id)}</span></td><td>${factsHtml(r.facts)}</td></tr>`,
        ),
        "plant.yaml (characteristics of zones and conduits). The requirements specification repeats them beside each zone's and conduit's requirements.",
      )}${described.none.length ? `<p class="note">No characteristics stated in plant.yaml for: ${esc(described.none.join(", "))}.</p>` : ""}`
    : emptyNote(
        "plant.yaml states no characteristics of any zone or conduit (characteristics: boundaries, access points, safety designation, policies, assumptions, dependencies, regulation).",
      );
  return sectionHtml(
    "design",
    "Design basis",
    `${note ? `<p class="warn-note unapproved-design">${esc(note)}</p>` : ""}
<h3>System under consideration</h3>${suc}
${outside}
<h3>Threat environment</h3>${threats}
<h3>Approvals</h3>${approvals}
<h3>Zone and conduit characteristics</h3>${characteristics}`,
    "What the assessment rests on, as IEC 62443-3-2 asks it to be documented: the system assessed and its boundary, the threats its risk was rated against, who approved the design, and what is documented of each zone and conduit.",
  );
}

/** The zones (in the SuC) and conduits with their characteristics; those stating none, by id. */
function characteristicRows(v: ReportView) {
  const system = v.design?.system ?? null;
  const all = [
    ...v.a.zones
      .filter((z) => z.inScope)
      .map((z) => ({ kind: "zone", id: z.id, name: z.name, c: z.characteristics })),
    ...v.a.conduits.map((c) => ({ kind: "conduit", id: c.id, name: c.name ?? c.id, c: c.characteristics })),
  ];
  const rows = all
    .map((x) => ({ ...x, facts: characteristicFacts(x.c, system) }))
    .filter((x) => x.facts.length > 0);
  return { rows, none: all.filter((x) => !rows.some((r) => r.id === x.id)).map((x) => `${x.kind} ${x.id}`) };
}

/** The SuC, its access points and the zones outside it, for report.docx and crs.docx. */
export function sucBlocks(v: ReportView, d: DesignBasis): Block[] {
  const s = d.system;
  return [
    ...(s
      ? [
          factsTable(sucFacts(v, d)),
          word.sourceNote("plant.yaml (system)."),
          ...(s.accessPoints.length
            ? [
                word.table(
                  ["Access point", "Kind", "Conduit", "Asset", "Description"],
                  s.accessPoints.map((p) => [
                    p.id,
                    p.kind,
                    p.conduit ?? "—",
                    p.asset ?? "—",
                    p.description ?? "",
                  ]),
                  [16, 14, 18, 12, 40],
                ),
                word.sourceNote(
                  "plant.yaml (system.accessPoints): the ways into the system under consideration.",
                ),
              ]
            : [word.emptyNote("plant.yaml lists no access point of the system under consideration.")]),
        ]
      : [word.emptyNote(NO_SUC)]),
    ...(d.outside.length
      ? [
          word.table(
            ["Zone outside the SuC", "Trust", "Why"],
            d.outside.map((o) => [
              `${zoneName(v, o.zone)} (${o.zone})`,
              o.trust,
              o.reason ?? "not stated: a zone plant.yaml does not rate is untrusted",
            ]),
            [30, 18, 52],
          ),
          word.sourceNote(
            "plant.yaml (system.external). A zone outside the system under consideration is a source of threat, not assessed against IEC 62443-3-3.",
          ),
        ]
      : []),
  ];
}

export function threatBlocks(d: DesignBasis): Block[] {
  return [
    ...(d.threats.stated ? [] : [word.emptyNote(DEFAULT_AGENTS_NOTE)]),
    ...(d.threats.description ? [word.para(d.threats.description)] : []),
    word.table(
      ["Threat agent", "Capability", "Motivation"],
      d.threats.agents.map((t) => [
        `${t.name} (${t.id})${t.description ? `\n${t.description}` : ""}`,
        String(t.capability),
        t.motivation ?? "—",
      ]),
      [45, 12, 43],
    ),
    word.sourceNote(
      `${d.threats.stated ? "plant.yaml (threats.agents)" : "otaudit's default threat agents"}. Capability on the scale of the security levels: 1 casual or accidental, 2 simple means, 3 sophisticated means with moderate resources and OT skills, 4 extended resources.`,
    ),
  ];
}

/** The approvals, one row per subject; an unapproved subject says so. */
export function approvalBlocks(d: DesignBasis): Block[] {
  return [
    word.table(
      ["Subject", "Approved by", "Role", "Date", "Reference"],
      APPROVAL_SUBJECTS.flatMap((subject) => {
        const given = approvalRow(d, subject);
        const covers = `${subject}\n${APPROVAL_SUBJECT_WORDS[subject]}`;
        if (given.length === 0) return [[covers, "NOT APPROVED", "", "", ""]];
        return given.map((x) => [covers, x.by, x.role ?? "—", x.date, x.reference ?? "—"]);
      }),
      [34, 17, 17, 12, 20],
    ),
    word.sourceNote(
      "plant.yaml (approvals). IEC 62443-3-2 ZCR 7: the asset owner approves the system under consideration, its partitioning, the risk criteria and the target security levels.",
    ),
  ];
}

/** The unapproved-design sentence as a Word paragraph in the warning colour; nothing when all is approved. */
export function unapprovedBlocks(d: DesignBasis | null): Block[] {
  const note = unapprovedNote(d);
  return note ? [word.para([new TextRun({ text: note, bold: true, color: "C0392B" })])] : [];
}

function designBlocks({ v }: DocxContext): Block[] {
  const d = v.design;
  if (!d) return [word.emptyNote(NO_DESIGN_NOTE)];
  const described = characteristicRows(v);
  return [
    ...unapprovedBlocks(d),
    word.heading("System under consideration", 3),
    ...sucBlocks(v, d),
    word.heading("Threat environment", 3),
    ...threatBlocks(d),
    word.heading("Approvals", 3),
    ...approvalBlocks(d),
    word.heading("Zone and conduit characteristics", 3),
    ...(described.rows.length
      ? [
          word.table(
            ["Zone or conduit", "Characteristics"],
            described.rows.map((r) => [
              `${r.name}\n${r.kind} ${r.id}`,
              r.facts.map((f) => `${f.label}: ${f.lines.join("; ")}`).join("\n"),
            ]),
            [25, 75],
          ),
          word.sourceNote("plant.yaml (characteristics of zones and conduits)."),
          ...(described.none.length
            ? [
                word.para(`No characteristics stated in plant.yaml for: ${described.none.join(", ")}.`, {
                  muted: true,
                  size: 16,
                }),
              ]
            : []),
        ]
      : [word.emptyNote("plant.yaml states no characteristics of any zone or conduit.")]),
  ];
}

export const designSection = {
  id: "design",
  title: "Design basis",
  newPage: true,
  html: designHtml,
  docx: designBlocks,
} satisfies ReportSectionEntry;
