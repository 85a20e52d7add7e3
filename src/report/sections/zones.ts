/**
 * Zones and conduits: the diagram, the zones with their levels, the conduits with theirs beside them, and what runs
 * over each conduit.
 */
import { formatSl, worstShortfall } from "../../model/security-level.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { PSEUDO_ZONE_NAMES } from "../figures/zone-diagram.js";
import { esc } from "../html-escape.js";
import { achievedText, conduitLabel, conduitShortfall, noVerdict, targetsText } from "../view/conduits.js";
import { SEEN_WORDS } from "../view/coverage.js";
import { outsideOf, outsideWords } from "../view/design.js";
import { shortfallColour } from "../view/palette.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, figureHtml, findingLink, sectionHtml, tableHtml } from "./common.js";
import { evidenceHtml } from "./evidence-html.js";
import type { ReportSectionEntry } from "./section.js";

export function zoneName(v: ReportView, id: string): string {
  return PSEUDO_ZONE_NAMES[id] ?? v.a.zones.find((z) => z.id === id)?.name ?? id;
}

function zonesHtml(v: ReportView): string {
  const { a } = v;
  if (a.zones.length === 0)
    return sectionHtml(
      "zones",
      "Zones and conduits",
      emptyNote(
        "plant.yaml declares no zones or conduits: the plant has not been partitioned into zones yet, which IEC 62443-3-2 (ZCR 3) asks for first.",
      ),
    );
  const recommended = a.zones.some((z) => z.slRecommended !== undefined);
  const coverage = v.coverage;
  const seenCell = (id: string) => {
    if (!coverage) return "";
    const seen = coverage.zone(id);
    const words = coverage.declared ? SEEN_WORDS[seen.state] : "taken as observed";
    const title = seen.captures.length ? `captures: ${seen.captures.join(", ")}` : "no capture saw this zone";
    return `<td class="small"${seen.state === "not-observed" ? ' style="color:var(--high)"' : ""} title="${esc(title)}">${esc(words)}</td>`;
  };
  const zoneRows = a.zones.map((z) => {
    const head = `<tr><td><strong>${esc(z.name)}</strong><br><span class="muted">${esc(z.id)}</span></td><td>${z.purdueLevel}</td><td>${esc(z.criticality)}</td><td class="num">${z.assets.length}</td>`;
    const outside = outsideOf(a, z);
    if (outside)
      return `${head}<td colspan="${recommended ? 6 : 5}" class="outside-suc">${esc(outsideWords(outside))}</td>${seenCell(z.id)}</tr>`;
    const short = worstShortfall(z);
    const colour = shortfallColour(short);
    const { open, unknown } = gapCounts(z.gaps);
    const rec = z.slRecommended;
    return `${head}
<td class="mono">${formatSl(z.slTarget)}</td>${recommended ? `<td class="mono">${rec ? formatSl(rec) : "—"}</td>` : ""}<td class="mono">${formatSl(z.slAchieved)}</td>
<td><span class="pill" style="background:${colour.fill};border-color:${colour.stroke};color:${colour.stroke}">${esc(colour.label)}</span></td>
<td class="num">${open}</td><td class="num">${unknown}</td>${seenCell(z.id)}</tr>`;
  });
  const zoneTable = tableHtml(
    [
      "Zone",
      "Purdue level",
      "Criticality",
      "Assets",
      "SL-T",
      ...(recommended ? ["SL-T by risk"] : []),
      "SL-A",
      "Against target",
      "Gaps not met",
      "Gaps unknown",
      ...(coverage ? ["Captured"] : []),
    ],
    zoneRows,
    `plant.yaml (zones, Purdue levels, criticality, SL-T); the inventory (assets); the gap assessment (SL-A, gaps)${recommended ? "; the risk analysis (SL-T by risk)" : ""}${coverage ? `; plant.yaml's evidence.captures (captured${coverage.declared ? "" : ": not declared, so every capture is taken to see every zone"})` : ""}. SL vectors list FR1 to FR7.`,
  );

  const links = [...v.traffic.links].sort(
    (x, y) =>
      Number(x.conduit === null) - Number(y.conduit === null) ||
      (x.conduit ?? "").localeCompare(y.conduit ?? ""),
  );
  const linkRows = links.map((l) => {
    const firstFlow = v.traffic.pairs.find(
      (p) =>
        p.evidence &&
        ((p.from === l.zones[0] && p.to === l.zones[1]) || (p.from === l.zones[1] && p.to === l.zones[0])),
    );
    return `<tr${l.conduit === null ? ' class="flagged"' : ""}><td>${l.conduit ? `<strong>${esc(l.conduit)}</strong>` : '<span class="warn">no conduit</span>'}</td>
<td>${esc(zoneName(v, l.zones[0]))} ↔ ${esc(zoneName(v, l.zones[1]))}</td><td class="num">${l.flows}</td>
<td>${esc(l.protocols.map((p) => p.name).join(", ")) || (l.conduit && v.coverage?.conduit(l.conduit).state === "not-observed" ? '<span class="warn">not observed</span>' : '<span class="muted">none seen</span>')}</td>
<td>${l.unauthenticated.length ? `<span class="warn">${esc(l.unauthenticated.join(", "))}</span>` : "—"}</td>
<td class="small">${l.beyond.length ? `<span class="warn">${esc(l.beyond.slice(0, 6).join("; "))}${l.beyond.length > 6 ? ` +${l.beyond.length - 6}` : ""}</span>` : "—"}</td>
<td class="refs-cell">${l.findings.slice(0, 6).map(findingLink).join("<br>") || "—"}${l.findings.length > 6 ? `<br><span class="muted">and ${l.findings.length - 6} more</span>` : ""}</td>
<td>${firstFlow?.evidence ? evidenceHtml({ kind: "frame", file: firstFlow.evidence.file, frame: firstFlow.evidence.frame }, v.evidence) : "—"}</td></tr>`;
  });
  const conduitTable = linkRows.length
    ? tableHtml(
        [
          "Conduit",
          "Zones",
          "Flows",
          "Protocols seen",
          "Unauthenticated",
          "Beyond the conduit",
          "Findings",
          "First flow",
        ],
        linkRows,
        `plant.yaml (conduits); the captures (flows between the zones' assets, both directions)${v.a.zoneMatrix ? "; the firewall configurations (what they permit beyond each conduit; details in the zone communication matrix)" : ""}; findings that name exactly the two zones and rest on traffic or firewall rules.`,
      )
    : emptyNote("No conduits are declared and no traffic between zones was seen.");
  return sectionHtml(
    "zones",
    "Zones and conduits",
    `${v.figures.zoneDiagram ? figureHtml(v.figures.zoneDiagram) : ""}
<h3>Zones</h3>${zoneTable}
${conduitVerdictsHtml(v)}
<h3>Conduits and traffic between zones</h3>${conduitTable}`,
    "Each zone is coloured by how far its achieved security level (SL-A) falls short of its target (SL-T) in its weakest foundational requirement. Lines show declared conduits and any traffic or finding between zones that no conduit declares.",
  );
}

/** Gaps of a zone or conduit that are not met or partly met, and those nobody has shown either way. */
function gapCounts(gaps: readonly { result: string }[]): { open: number; unknown: number } {
  const open = gaps.filter((g) => g.result === "not-met" || g.result === "partial").length;
  return { open, unknown: gaps.length - open };
}

/** The conduits' verdicts, in the zones' columns where they apply: SL-T, SL-A (FR3-FR5), gaps. */
function conduitVerdictsHtml(v: ReportView): string {
  if (v.a.conduits.length === 0) return "";
  const rows = v.a.conduits.map((c) => {
    const head = `<td><strong>${esc(conduitLabel(c))}</strong><br><span class="muted">${esc(c.id)}</span></td><td>${esc(zoneName(v, c.zones[0]))} ↔ ${esc(zoneName(v, c.zones[1]))}</td><td>${esc(c.protections.join(", ")) || '<span class="muted">none declared</span>'}${c.enforcedBy.length ? `<br><span class="muted">${esc(c.enforcedBy.join(", "))}</span>` : ""}</td>`;
    const none = noVerdict(c);
    if (none) return `<tr>${head}<td colspan="5" class="muted">${esc(none)}</td></tr>`;
    const colour = shortfallColour(conduitShortfall(c));
    const { open, unknown } = gapCounts(c.gaps);
    return `<tr>${head}<td class="mono">${esc(targetsText(c))}</td><td class="mono">${esc(achievedText(c))}</td>
<td><span class="pill" style="background:${colour.fill};border-color:${colour.stroke};color:${colour.stroke}">${esc(colour.label)}</span></td>
<td class="num">${open}</td><td class="num">${unknown}</td></tr>`;
  });
  return `<h3>Conduits</h3>${tableHtml(
    ["Conduit", "Zones", "Protections", "SL-T", "SL-A", "Against target", "Gaps not met", "Gaps unknown"],
    rows,
    "plant.yaml (conduits, protections, the conduit's own SL-T); the gap assessment of each conduit in FR3-FR5 (SL-A, gaps): its answers in answers.yaml and the evidence crossing it. A conduit is judged only where its SL-T sets a level; its gaps are listed in the gap assessment.",
  )}`;
}

function zonesBlocks(ctx: DocxContext): Block[] {
  const { v } = ctx;
  const { a } = v;
  if (a.zones.length === 0) return [word.emptyNote("plant.yaml declares no zones or conduits.")];
  const zoneRows = a.zones.map((z) => {
    const rec = z.slRecommended;
    const outside = outsideOf(a, z);
    const captured = v.coverage
      ? [v.coverage.declared ? SEEN_WORDS[v.coverage.zone(z.id).state] : "taken as observed"]
      : [];
    const head = [z.name, String(z.purdueLevel), z.criticality, String(z.assets.length)];
    // Its last cell spans the rest of the row: a zone not assessed has no levels, and its capture coverage counts for nothing.
    if (outside) return [...head, outsideWords(outside)];
    return [
      ...head,
      formatSl(z.slTarget),
      rec ? formatSl(rec) : "—",
      formatSl(z.slAchieved),
      shortfallColour(worstShortfall(z)).label,
      ...captured,
    ];
  });
  const linkRows = v.traffic.links.map((l) => [
    l.conduit ?? "no conduit",
    `${zoneName(v, l.zones[0])} ↔ ${zoneName(v, l.zones[1])}`,
    String(l.flows),
    l.protocols.map((p) => p.name).join(", ") ||
      (l.conduit && v.coverage?.conduit(l.conduit).state === "not-observed" ? "not observed" : "none seen"),
    l.unauthenticated.join(", ") || "—",
    l.findings.length > 6
      ? `${l.findings.slice(0, 6).join("\n")}\nand ${l.findings.length - 6} more`
      : l.findings.join("\n") || "—",
  ]);
  return [
    ...word.figureBlocks(v.figures.zoneDiagram, ctx.images, ctx.nextFigure),
    word.table(
      [
        "Zone",
        "Purdue",
        "Criticality",
        "Assets",
        "SL-T",
        "SL-T by risk",
        "SL-A",
        "Against target",
        ...(v.coverage ? ["Captured"] : []),
      ],
      zoneRows,
      v.coverage ? [20, 7, 10, 7, 13, 11, 13, 10, 9] : [22, 8, 11, 8, 14, 12, 14, 15],
    ),
    word.sourceNote(
      "plant.yaml (zones, SL-T); the inventory; the gap assessment (SL-A); the risk analysis where present.",
    ),
    ...(a.conduits.length
      ? [
          word.table(
            [
              "Conduit",
              "Zones",
              "Protections",
              "SL-T",
              "SL-A",
              "Against target",
              "Gaps not met",
              "Gaps unknown",
            ],
            a.conduits.map((c) => {
              const head = [
                conduitLabel(c),
                `${zoneName(v, c.zones[0])} ↔ ${zoneName(v, c.zones[1])}`,
                c.protections.join(", ") || "none declared",
              ];
              const none = noVerdict(c);
              if (none) return [...head, none, "", "", "", ""];
              const { open, unknown } = gapCounts(c.gaps);
              return [
                ...head,
                targetsText(c),
                achievedText(c),
                shortfallColour(conduitShortfall(c)).label,
                String(open),
                String(unknown),
              ];
            }),
            [16, 20, 12, 13, 13, 12, 7, 7],
          ),
          word.sourceNote(
            "plant.yaml (conduits, their own SL-T); the gap assessment of each conduit in FR3-FR5: its answers and the evidence crossing it.",
          ),
        ]
      : []),
    ...(linkRows.length
      ? [
          word.table(
            ["Conduit", "Zones", "Flows", "Protocols seen", "Unauthenticated", "Findings"],
            linkRows,
            [16, 22, 7, 20, 15, 20],
          ),
          word.sourceNote("plant.yaml (conduits); the captures' flows; findings that name both zones."),
        ]
      : []),
  ];
}

export const zonesSection = {
  id: "zones",
  title: "Zones and conduits",
  newPage: true,
  html: zonesHtml,
  docx: zonesBlocks,
} satisfies ReportSectionEntry;
