/**
 * Security levels: SL-T against SL-A per zone and foundational requirement, as radars and as a table; SL-T, SL-C
 * (the components' capability, IEC 62443-4-2) and SL-A side by side, with where the SL-C caps SL-A and why; and the
 * conduits' levels in the FRs a conduit is judged on (FR3-FR5).
 */

import type { ZoneResult } from "../../model/assessment.js";
import { formatEvidence } from "../../model/evidence.js";
import { formatSlCapability, shortfalls } from "../../model/security-level.js";
import { FOUNDATIONAL, systemRequirement } from "../../standard/requirements.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import { CONDUIT_COLUMNS, conduitLabel, levelIn, noVerdict } from "../view/conduits.js";
import { outsideOf, outsideWords } from "../view/design.js";
import { shortfallColour } from "../view/palette.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, figureHtml, plural, sectionHtml, tableHtml } from "./common.js";
import { evidenceHtml } from "./evidence-html.js";
import type { ReportSectionEntry } from "./section.js";

/** Per FR (FR1 first), the zone's requirements whose result rests only on old evidence. */
function oldByFr(z: ZoneResult): string[][] {
  return FOUNDATIONAL.map((fr) =>
    z.requirements
      .filter((q) => q.oldEvidence !== undefined && systemRequirement(q.id)?.fr === fr.id)
      .map((q) => q.id),
  );
}

const SCHEME_WORDS: Record<NonNullable<ZoneResult["capabilities"]>[number]["scheme"], string> = {
  "isasecure-csa": "ISASecure CSA",
  "isasecure-edsa": "ISASecure EDSA",
  iecee: "IECEE",
  "supplier-declaration": "supplier declaration",
  other: "other",
};

/** The zones of the SuC whose run judged the components' SL-C. */
const withCapability = (v: ReportView) =>
  v.a.zones.filter((z) => z.inScope && z.slCapability !== undefined && z.requirements.length > 0);

/** Per zone of the SuC, in words: where the SL-C caps SL-A or is lifted, and how many components state none. */
function capabilityNotes(z: ZoneResult): string[] {
  const unknown = z.capabilityUnknown ?? [];
  return [
    ...(z.capped ?? []).map((c) => `${z.name} ${c.fr}: ${c.reason}.`),
    ...(unknown.length
      ? [
          `${z.name}: SL-C unknown for ${plural(unknown.length, "component")} (${unknown.join(", ")}): ${unknown.length === 1 ? "it caps" : "they cap"} nothing.`,
        ]
      : []),
  ];
}

/** One zone's SL-T, SL-C and SL-A per FR, as table rows: the level, then the seven FRs. */
function capabilityRows(z: ZoneResult): { label: string; cells: string[]; marks: string[] }[] {
  const capped = new Map((z.capped ?? []).map((c) => [c.fr, c]));
  return [
    { label: "SL-T", cells: z.slTarget.map(String), marks: z.slTarget.map(() => "") },
    {
      label: "SL-C",
      cells: (z.slCapability ?? []).map((l) => (l === null ? "?" : String(l))),
      marks: FOUNDATIONAL.map(() => ""),
    },
    {
      label: "SL-A",
      cells: z.slAchieved.map(String),
      marks: FOUNDATIONAL.map((fr) => {
        const c = capped.get(fr.id);
        return c ? (c.applied ? "capped" : "lifted") : "";
      }),
    },
  ];
}

function capabilityHtml(v: ReportView): string {
  const zones = withCapability(v);
  if (zones.length === 0) return "";
  const rows = zones.flatMap((z) => {
    const gap = shortfalls(z);
    return capabilityRows(z).map((r, k) => {
      const cells = r.cells.map((cell, i) => {
        const mark = r.marks[i]
          ? `<br><span class="small ${r.marks[i] === "capped" ? "warn" : "muted"}">${r.marks[i] === "capped" ? "capped by SL-C" : "cap lifted"}</span>`
          : "";
        if (r.label !== "SL-A") return `<td class="sl-cell${cell === "?" ? " muted" : ""}">${esc(cell)}</td>`;
        const c = shortfallColour(gap[i]!);
        return `<td class="sl-cell" style="background:${c.fill};color:${c.stroke}">${esc(cell)}${mark}</td>`;
      });
      return `<tr>${k === 0 ? `<td rowspan="3"><strong>${esc(z.name)}</strong><br><span class="muted">${esc(z.id)}</span></td>` : ""}<td class="nowrap">${r.label}</td>${cells.join("")}</tr>`;
    });
  });
  const notes = zones.flatMap(capabilityNotes);
  const stated = zones.flatMap((z) => (z.capabilities ?? []).map((c) => ({ z, c })));
  const statedTable = stated.length
    ? tableHtml(
        ["Zone", "Component", "SL-C (FR1..FR7)", "Stated by", "Number", "Issued", "Where"],
        stated.map(
          ({ z, c }) =>
            `<tr><td>${esc(z.id)}</td><td>${esc(c.asset)}</td><td class="mono">${esc(formatSlCapability(c.slC))}</td><td>${esc(SCHEME_WORDS[c.scheme])}</td><td>${esc(c.number)}</td><td>${esc(c.issued)}</td><td>${evidenceHtml(c.source, v.evidence)}</td></tr>`,
        ),
        "plant.yaml (assets[].capability): the certificate or declaration each component's SL-C rests on.",
      )
    : emptyNote(
        "No component of the system under consideration states an SL-C (plant.yaml assets[].capability): SL-C is unknown throughout and caps no level.",
      );
  return `<h3>Target, capability and achieved levels</h3>${tableHtml(
    [
      "Zone",
      "Level",
      ...FOUNDATIONAL.map((fr) => `<abbr title="${esc(fr.name)}">${fr.id} ${fr.abbrev}</abbr>`),
    ],
    rows,
    "SL-T from plant.yaml; SL-C, per FR the lowest level stated by the zone's components that must provide the FR's capability (plant.yaml assets[].capability; ? where none states one); SL-A from the gap assessment, capped at the SL-C unless a requirement of the FR is met by compensating countermeasure in the zone.",
    'class="sl-table capability"',
  )}
${notes.length ? `<ul class="capability-notes">${notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>` : ""}
${statedTable}`;
}

function levelsHtml(v: ReportView): string {
  const { a } = v;
  if (a.zones.length === 0)
    return sectionHtml(
      "levels",
      "Security levels",
      emptyNote("No zones are declared, so there are no target or achieved security levels to show."),
    );
  const rows = a.zones.map((z) => {
    const outside = outsideOf(a, z);
    if (outside)
      return `<tr><td><strong>${esc(z.name)}</strong></td><td colspan="${FOUNDATIONAL.length}" class="outside-suc">${esc(outsideWords(outside))}</td></tr>`;
    const gap = shortfalls(z);
    const old = oldByFr(z);
    const cells = FOUNDATIONAL.map((_, i) => {
      const c = shortfallColour(gap[i]!);
      const title = old[i]!.length
        ? `${c.label}; rests in part on old evidence: ${old[i]!.join(", ")}`
        : c.label;
      return `<td class="sl-cell" style="background:${c.fill};color:${c.stroke}" title="${esc(title)}">${z.slAchieved[i]} / ${z.slTarget[i]}${old[i]!.length ? " †" : ""}</td>`;
    });
    return `<tr><td><strong>${esc(z.name)}</strong></td>${cells.join("")}</tr>`;
  });
  const table = tableHtml(
    ["Zone", ...FOUNDATIONAL.map((fr) => `<abbr title="${esc(fr.name)}">${fr.id} ${fr.abbrev}</abbr>`)],
    rows,
    "SL-T from plant.yaml; SL-A from the gap assessment. Each cell is SL-A / SL-T.",
    'class="sl-table"',
  );
  const marked = a.zones
    .filter((z) => z.inScope)
    .flatMap((z) =>
      oldByFr(z).flatMap((ids, i) => (ids.length ? [`${z.id} FR${i + 1} (${ids.join(", ")})`] : [])),
    );
  const oldNote = marked.length
    ? `<p class="warn-note">† The level rests in part on results decided only by old evidence: ${esc(marked.join("; "))}. They are listed with their inputs in the gap assessment.</p>`
    : "";
  return sectionHtml(
    "levels",
    "Security levels: target against achieved",
    `${v.figures.radar ? figureHtml(v.figures.radar) : ""}${table}${oldNote}
${capabilityHtml(v)}
${conduitLevelsHtml(v)}
<p class="note">An achieved level counts a foundational requirement as reached at a level only when every requirement and enhancement that level asks for is shown met, by an answer (a compensating countermeasure included) or by evidence, and no component that must provide the FR's capability states a lower SL-C. Requirements nobody has answered stay unknown and hold the level down: they are listed per zone in the gap assessment. A component whose SL-C nobody states caps nothing.</p>`,
    "IEC 62443-3-3 sets a security level from 0 to 4 for each of the seven foundational requirements (FR1 to FR7). The target (SL-T) is what the zone needs; the achieved level (SL-A) is what the evidence shows.",
  );
}

/** The conduits' SL-A / SL-T in FR3-FR5, or why a conduit has none; nothing when plant.yaml declares no conduit. */
function conduitLevelsHtml(v: ReportView): string {
  if (v.a.conduits.length === 0) return "";
  const rows = v.a.conduits.map((c) => {
    const none = noVerdict(c);
    const zones = `${esc(c.zones[0])} ↔ ${esc(c.zones[1])}`;
    if (none)
      return `<tr><td><strong>${esc(conduitLabel(c))}</strong><br><span class="muted">${zones}</span></td><td colspan="${CONDUIT_COLUMNS.length}" class="muted">${esc(none)}</td></tr>`;
    const cells = CONDUIT_COLUMNS.map((fr) => {
      const l = levelIn(c, fr.id);
      if (!l) return '<td class="sl-cell muted" title="its SL-T sets no level here">—</td>';
      const colour = shortfallColour(Math.max(l.slTarget - l.slAchieved, 0));
      return `<td class="sl-cell" style="background:${colour.fill};color:${colour.stroke}" title="${esc(colour.label)}">${l.slAchieved} / ${l.slTarget}</td>`;
    });
    return `<tr><td><strong>${esc(conduitLabel(c))}</strong><br><span class="muted">${zones}</span></td>${cells.join("")}</tr>`;
  });
  return `<h3>Conduits</h3>${tableHtml(
    ["Conduit", ...CONDUIT_COLUMNS.map((fr) => `<abbr title="${esc(fr.name)}">${fr.id} ${fr.abbrev}</abbr>`)],
    rows,
    "SL-T from plant.yaml (the conduit's own); SL-A from the gap assessment of the conduit: its answers in answers.yaml and the evidence crossing it. Each cell is SL-A / SL-T; a dash: its SL-T sets no level in that FR.",
    'class="sl-table"',
  )}`;
}

function levelsBlocks(ctx: DocxContext): Block[] {
  const { a } = ctx.v;
  if (a.zones.length === 0) return [word.emptyNote("No zones are declared.")];
  return [
    ...word.figureBlocks(ctx.v.figures.radar, ctx.images, ctx.nextFigure),
    word.table(
      ["Zone", ...FOUNDATIONAL.map((fr) => `${fr.id} ${fr.abbrev}`)],
      a.zones.map((z) => {
        const outside = outsideOf(a, z);
        if (outside) return [z.name, outsideWords(outside)];
        const gap = shortfalls(z);
        const old = oldByFr(z);
        return [
          z.name,
          ...FOUNDATIONAL.map(
            (_, i) =>
              `${z.slAchieved[i]} / ${z.slTarget[i]}${gap[i] ? " ▲" : ""}${old[i]!.length ? " †" : ""}`,
          ),
        ];
      }),
      [23, 11, 11, 11, 11, 11, 11, 11],
    ),
    word.sourceNote(
      "SL-T from plant.yaml; SL-A from the gap assessment. Each cell is SL-A / SL-T; ▲ marks a shortfall; † a level resting in part on results decided only by old evidence.",
    ),
    ...capabilityBlocks(ctx),
    ...conduitLevelsBlocks(ctx),
    word.para(
      "An achieved level counts a foundational requirement as reached only when every requirement that level asks for is shown met (a compensating countermeasure included) and no component that must provide the FR's capability states a lower SL-C; unanswered requirements stay unknown and hold the level down. A component whose SL-C nobody states caps nothing.",
      { muted: true, size: 16 },
    ),
  ];
}

function capabilityBlocks({ v }: DocxContext): Block[] {
  const zones = withCapability(v);
  if (zones.length === 0) return [];
  const stated = zones.flatMap((z) => (z.capabilities ?? []).map((c) => ({ z, c })));
  const notes = zones.flatMap(capabilityNotes);
  return [
    word.label("Target, capability and achieved levels"),
    word.table(
      ["Zone", "Level", ...FOUNDATIONAL.map((fr) => `${fr.id} ${fr.abbrev}`)],
      zones.flatMap((z) =>
        capabilityRows(z).map((r, k) => [
          k === 0 ? z.name : "",
          r.label,
          ...r.cells.map(
            (c, i) => `${c}${r.marks[i] === "capped" ? " ▼" : r.marks[i] === "lifted" ? " ◇" : ""}`,
          ),
        ]),
      ),
      [23, 8, 10, 10, 10, 10, 10, 10, 10],
    ),
    word.sourceNote(
      "SL-T from plant.yaml; SL-C, per FR the lowest level the zone's components that must provide it state (plant.yaml assets[].capability; ? where none states one); SL-A from the gap assessment. ▼ SL-A capped at the SL-C; ◇ the cap lifted by a compensating countermeasure in the FR.",
    ),
    ...notes.map((n) => word.bullet(n)),
    ...(stated.length
      ? [
          word.table(
            ["Zone", "Component", "SL-C", "Stated by", "Number", "Issued", "Where"],
            stated.map(({ z, c }) => [
              z.id,
              c.asset,
              formatSlCapability(c.slC),
              SCHEME_WORDS[c.scheme],
              c.number,
              c.issued,
              formatEvidence(c.source),
            ]),
            [12, 14, 16, 16, 16, 12, 14],
          ),
          word.sourceNote(
            "plant.yaml (assets[].capability): the certificate or declaration behind each SL-C.",
          ),
        ]
      : [word.emptyNote("No component of the system under consideration states an SL-C.")]),
  ];
}

function conduitLevelsBlocks({ v }: DocxContext): Block[] {
  if (v.a.conduits.length === 0) return [];
  return [
    word.table(
      ["Conduit", "Zones", ...CONDUIT_COLUMNS.map((fr) => `${fr.id} ${fr.abbrev}`)],
      v.a.conduits.map((c) => {
        const none = noVerdict(c);
        const cells = CONDUIT_COLUMNS.map((fr, i) => {
          if (none) return i === 0 ? none : "";
          const l = levelIn(c, fr.id);
          return l ? `${l.slAchieved} / ${l.slTarget}${l.slAchieved < l.slTarget ? " ▲" : ""}` : "—";
        });
        return [conduitLabel(c), `${c.zones[0]} ↔ ${c.zones[1]}`, ...cells];
      }),
      [26, 26, 16, 16, 16],
    ),
    word.sourceNote(
      "plant.yaml (the conduit's own SL-T); the gap assessment of each conduit (SL-A in FR3-FR5). Each cell is SL-A / SL-T; ▲ marks a shortfall; a dash: no level set in that FR.",
    ),
  ];
}

export const levelsSection = {
  id: "levels",
  title: "Security levels",
  newPage: false,
  html: levelsHtml,
  docx: levelsBlocks,
} satisfies ReportSectionEntry;
