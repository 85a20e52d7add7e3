/**
 * The cybersecurity requirements specification (IEC 62443-3-2 ZCR 6.1) in the report: per zone of the system under
 * consideration and per conduit, what it is, its characteristics, its flows, its SL-T and why, the threats it faces
 * and the IEC 62443-3-3 requirements its SL-T asks for (ids; titles on hover). crs.docx, the document the asset
 * owner signs, is built from the same view and these Word blocks, with every requirement's title.
 */
import { TextRun } from "docx";
import { formatSl } from "../../model/security-level.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import {
  CONDUIT_WITHOUT_TARGET,
  type CrsConduit,
  type CrsZone,
  type FlowLine,
  type FrRequirements,
  levelsSource,
  requirementCount,
} from "../view/crs.js";
import type { Fact } from "../view/design.js";
import { outsideWords } from "../view/design.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, plural, sectionHtml, tableHtml } from "./common.js";
import { factsHtml, factsTable } from "./design.js";
import type { ReportSectionEntry } from "./section.js";

const CATALOGUE_SOURCE =
  "the IEC 62443-3-3 catalogue: each SR and RE whose security level is within the SL-T in its FR (identifiers and titles; the normative text is in the standard).";

function requirementsHtml(frs: readonly FrRequirements[]): string {
  return tableHtml(
    ["FR", '<span class="nowrap">SL-T</span>', "Requirements at SL-T"],
    frs.map(
      (f) =>
        `<tr><td class="nowrap"><abbr title="${esc(f.fr.name)}">${esc(f.fr.id)} ${esc(f.fr.abbrev)}</abbr></td><td class="num">${f.level}</td><td class="reqs">${
          f.requirements.length
            ? f.requirements
                .map((r) => `<span class="req" title="${esc(r.title)}">${esc(r.id)}</span>`)
                .join(" ")
            : '<span class="muted">none: SL-T 0 asks nothing</span>'
        }</td></tr>`,
    ),
    `${CATALOGUE_SOURCE} The titles are in crs.docx.`,
    'class="crs-reqs"',
  );
}

function flowsHtml(flows: readonly FlowLine[]): string {
  return flows.length
    ? tableHtml(
        ["Conduit", "Declared flow", "Purpose"],
        flows.map(
          (f) =>
            `<tr><td class="mono">${esc(f.conduit)}</td><td class="small">${esc(f.text)}</td><td class="small">${esc(f.description ?? "—")}</td></tr>`,
        ),
        "plant.yaml (conduits' flows): protocol, transport and ports, direction, initiators → responders, operations.",
      )
    : emptyNote("plant.yaml declares no flow over its conduits.");
}

function characteristicsHtml(facts: readonly Fact[]): string {
  return facts.length
    ? factsHtml(facts)
    : emptyNote(
        "plant.yaml states no characteristics (ZCR 6) of it: boundaries, access points, policies, assumptions.",
      );
}

function levelsHtml(z: CrsZone): string {
  return tableHtml(
    ["FR", "SL-T", "SL-T by risk", "Rationale"],
    z.levels.map(
      (l) =>
        `<tr><td class="nowrap">${esc(l.fr.id)} ${esc(l.fr.abbrev)}</td><td class="sl-cell">${l.target}</td><td class="sl-cell muted">${l.recommended ?? "—"}</td><td class="small">${
          l.reason ? esc(l.reason) : '<span class="muted">—</span>'
        }${l.disagreement ? `<br><span class="warn">${esc(l.disagreement)}</span>` : ""}</td></tr>`,
    ),
    levelsSource(z),
    'class="crs-levels"',
  );
}

function zoneHtml(v: ReportView, z: CrsZone): string {
  const agents = v.design?.threats.agents ?? [];
  return `<h3 id="crs-zone-${esc(z.zone.id)}">Zone: ${esc(z.zone.name)} <span class="muted">(${esc(z.zone.id)}), SL-T ${formatSl(z.zone.slTarget)}</span></h3>
${factsHtml(z.facts)}
<h4>Characteristics</h4>${characteristicsHtml(z.characteristics)}
<h4>Conduits and flows</h4>${flowsHtml(z.flows)}
<h4>Target security level and rationale</h4>${levelsHtml(z)}
<h4>Threat environment</h4><p class="small">${esc(threatSentence(agents))}${z.exposure.length ? ` Entered from outside the SuC through: ${esc(z.exposure.join("; "))}.` : ""}</p>
<h4>Requirements at SL-T (${requirementCount(z.requirements)})</h4>${requirementsHtml(z.requirements)}`;
}

function conduitHtml(c: CrsConduit): string {
  const x = c.conduit;
  return `<h3 id="crs-conduit-${esc(x.id)}">Conduit: ${esc(x.name ?? x.id)} <span class="muted">(${esc(x.id)})${c.target ? `, SL-T ${esc(c.target)}` : ""}</span></h3>
${factsHtml(c.facts)}
<h4>Characteristics</h4>${characteristicsHtml(c.characteristics)}
<h4>Declared flows</h4>${flowsHtml(c.flows)}
<h4>Requirements at SL-T${c.target ? ` (${requirementCount(c.requirements)})` : ""}</h4>${c.target ? requirementsHtml(c.requirements) : emptyNote(esc(CONDUIT_WITHOUT_TARGET))}`;
}

/** The site's threat agents in one sentence, as each zone's threat environment. */
export function threatSentence(agents: readonly { name: string; capability: number }[]): string {
  if (agents.length === 0) return "No threat agents in this run.";
  return `The site's threat environment applies: ${agents.map((t) => `${t.name} (capability ${t.capability})`).join("; ")}.`;
}

/** Zone or conduit, SL-T and how many requirements it asks for, per FR. */
function overviewRows(
  v: ReportView,
): { name: string; kind: string; target: string; counts: string[]; total: string }[] {
  return [
    ...v.crs.zones.map((z) => ({
      name: `${z.zone.name} (${z.zone.id})`,
      kind: "zone",
      target: formatSl(z.zone.slTarget),
      counts: z.requirements.map((f) => String(f.requirements.length)),
      total: String(requirementCount(z.requirements)),
    })),
    ...v.crs.conduits.map((c) => ({
      name: `${c.conduit.name ?? c.conduit.id} (${c.conduit.id})`,
      kind: "conduit",
      target: c.target ?? "no SL-T",
      counts: ["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7"].map((id) => {
        const f = c.requirements.find((r) => r.fr.id === id);
        return f ? String(f.requirements.length) : "—";
      }),
      total: c.target ? String(requirementCount(c.requirements)) : "—",
    })),
  ];
}

const OVERVIEW_HEAD = ["Zone or conduit", "SL-T", "FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7", "Total"];
const OVERVIEW_SOURCE =
  "plant.yaml (SL-T of the zones in the system under consideration and of the conduits); the IEC 62443-3-3 catalogue (the level each requirement is required at). A conduit is specified in FR3-FR5 only; a dash: not specified there.";

function crsHtml(v: ReportView): string {
  const { crs } = v;
  if (crs.zones.length === 0 && crs.conduits.length === 0)
    return sectionHtml(
      "crs",
      "Cybersecurity requirements specification",
      emptyNote(
        "plant.yaml declares no zone in the system under consideration and no conduit: there is nothing to specify.",
      ),
    );
  const overview = tableHtml(
    OVERVIEW_HEAD,
    overviewRows(v).map(
      (r) =>
        `<tr><td><strong>${esc(r.name)}</strong><br><span class="muted">${r.kind}</span></td><td class="mono">${esc(r.target)}</td>${r.counts.map((n) => `<td class="num">${n}</td>`).join("")}<td class="num"><strong>${r.total}</strong></td></tr>`,
    ),
    OVERVIEW_SOURCE,
    'class="counts"',
  );
  const outside = crs.outside.length
    ? `<p class="note">Not specified: ${esc(crs.outside.map((o) => `${o.zone.name} (${o.zone.id}), ${outsideWords(o.trust)}`).join("; "))}.</p>`
    : "";
  return sectionHtml(
    "crs",
    "Cybersecurity requirements specification",
    `<p>It rests on the system under consideration, the threat environment and the approvals of the <a href="#design">design basis</a>. The same specification, with every requirement's title and a document-control block for signature, is written as <strong>crs.docx</strong> beside this report.</p>
${overview}${outside}
${crs.zones.map((z) => zoneHtml(v, z)).join("\n")}
${crs.conduits.map(conduitHtml).join("\n")}`,
    `What each zone of the system under consideration and each conduit must meet (IEC 62443-3-2 ZCR 6): ${plural(crs.zones.length, "zone")} and ${plural(crs.conduits.length, "conduit")}, with the IEC 62443-3-3 requirements their target security levels ask for.`,
  );
}

/** The requirements per FR as Word tables: every title (crs.docx), or the ids in one row per FR (report.docx). */
export function requirementBlocks(frs: readonly FrRequirements[], full: boolean): Block[] {
  if (!full)
    return [
      word.table(
        ["FR", "SL-T", "Requirements at SL-T"],
        frs.map((f) => [
          `${f.fr.id} ${f.fr.abbrev}`,
          String(f.level),
          f.requirements.map((r) => r.id).join(", ") || "none: SL-T 0 asks nothing",
        ]),
        [12, 8, 80],
      ),
      word.sourceNote(`${CATALOGUE_SOURCE} The titles are in crs.docx.`),
    ];
  return frs.flatMap((f) => [
    word.label(`${f.fr.id} ${f.fr.name}: SL-T ${f.level}`),
    ...(f.requirements.length
      ? [
          word.table(
            ["Requirement", "Title", "Required from"],
            f.requirements.map((r) => [r.id, r.title, `SL ${r.minSL}`]),
            [20, 64, 16],
          ),
        ]
      : [word.emptyNote(`SL-T 0 in ${f.fr.id}: no requirement of this FR applies.`)]),
  ]);
}

function flowBlocks(flows: readonly FlowLine[]): Block[] {
  return flows.length
    ? [
        word.table(
          ["Conduit", "Declared flow", "Purpose"],
          flows.map((f) => [f.conduit, f.text, f.description ?? "—"]),
          [20, 48, 32],
        ),
        word.sourceNote("plant.yaml (conduits' flows)."),
      ]
    : [word.emptyNote("plant.yaml declares no flow over its conduits.")];
}

function characteristicBlocks(facts: readonly Fact[]): Block[] {
  return facts.length
    ? [factsTable(facts)]
    : [word.emptyNote("plant.yaml states no characteristics (ZCR 6) of it.")];
}

/** A zone's specification: its facts, characteristics, flows, SL-T and rationale, threats, requirements. */
export function crsZoneBlocks(
  v: ReportView,
  z: CrsZone,
  full: boolean,
  h: 2 | 3,
  pageBreak = false,
): Block[] {
  const sub = (text: string) => (full ? word.heading(text, 3) : word.label(text));
  return [
    word.heading(`Zone: ${z.zone.name} (${z.zone.id})`, h, { pageBreak }),
    factsTable(z.facts),
    sub("Characteristics"),
    ...characteristicBlocks(z.characteristics),
    sub("Conduits and flows"),
    ...flowBlocks(z.flows),
    sub("Target security level and rationale"),
    word.para([word.bold("SL-T: "), new TextRun(formatSl(z.zone.slTarget))]),
    word.table(
      ["FR", "SL-T", "SL-T by risk", "Rationale"],
      z.levels.map((l) => [
        `${l.fr.id} ${l.fr.abbrev}`,
        String(l.target),
        l.recommended === null ? "—" : String(l.recommended),
        `${l.reason ?? "—"}${l.disagreement ? `\n${l.disagreement}` : ""}`,
      ]),
      [12, 9, 12, 67],
    ),
    word.sourceNote(levelsSource(z)),
    sub("Threat environment"),
    word.para(threatSentence(v.design?.threats.agents ?? [])),
    ...(z.exposure.length
      ? [word.para(`Entered from outside the SuC through: ${z.exposure.join("; ")}.`)]
      : []),
    sub(`Requirements at SL-T (${requirementCount(z.requirements)})`),
    ...requirementBlocks(z.requirements, full),
  ];
}

/** A conduit's specification: its facts, characteristics, flows, and FR3-FR5 requirements at its SL-T. */
export function crsConduitBlocks(c: CrsConduit, full: boolean, h: 2 | 3): Block[] {
  const sub = (text: string) => (full ? word.heading(text, 3) : word.label(text));
  const x = c.conduit;
  return [
    word.heading(`Conduit: ${x.name ?? x.id} (${x.id})`, h),
    factsTable([...c.facts, { label: "SL-T", lines: [c.target ?? "none in plant.yaml"] }]),
    sub("Characteristics"),
    ...characteristicBlocks(c.characteristics),
    sub("Declared flows"),
    ...flowBlocks(c.flows),
    sub(`Requirements at SL-T${c.target ? ` (${requirementCount(c.requirements)})` : ""}`),
    ...(c.target ? requirementBlocks(c.requirements, full) : [word.emptyNote(CONDUIT_WITHOUT_TARGET)]),
  ];
}

/** The overview of SL-T and requirement counts, as a Word table. */
export function overviewBlocks(v: ReportView): Block[] {
  return [
    word.table(
      OVERVIEW_HEAD,
      overviewRows(v).map((r) => [`${r.name}\n${r.kind}`, r.target, ...r.counts, r.total]),
      [26, 20, 5, 5, 5, 5, 5, 5, 5, 7],
    ),
    word.sourceNote(OVERVIEW_SOURCE),
  ];
}

function crsBlocks({ v }: DocxContext): Block[] {
  const { crs } = v;
  if (crs.zones.length === 0 && crs.conduits.length === 0)
    return [word.emptyNote("plant.yaml declares no zone in the system under consideration and no conduit.")];
  return [
    word.para(
      "It rests on the system under consideration, the threat environment and the approvals of the design basis. The same specification, with every requirement's title and a document-control block for signature, is written as crs.docx beside this document.",
    ),
    ...overviewBlocks(v),
    ...(crs.outside.length
      ? [
          word.para(
            `Not specified: ${crs.outside.map((o) => `${o.zone.name} (${o.zone.id}), ${outsideWords(o.trust)}`).join("; ")}.`,
            { muted: true, size: 16 },
          ),
        ]
      : []),
    ...crs.zones.flatMap((z) => crsZoneBlocks(v, z, false, 3)),
    ...crs.conduits.flatMap((c) => crsConduitBlocks(c, false, 3)),
  ];
}

export const crsSection = {
  id: "crs",
  title: "Cybersecurity requirements specification",
  newPage: true,
  html: crsHtml,
  docx: crsBlocks,
} satisfies ReportSectionEntry;
