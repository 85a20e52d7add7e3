/** The Word document's first parts: summary, trend, zones and conduits, security levels, risks. */
import { Paragraph, TextRun } from "docx";
import { formatSl } from "../../model/security-level.js";
import { FOUNDATIONAL } from "../../standard/requirements.js";
import { TOP_ACTIONS } from "../sections/summary.js";
import { zoneName } from "../sections/zones.js";
import { shortfallColour } from "../view/palette.js";
import { countBySeverity, POSTURE_RULE } from "../view/posture.js";
import { shortfalls, worstShortfall } from "../view/zone-levels.js";
import { bold, bullet, emptyNote, figureBlocks, para, severityRun, sourceNote, table } from "./blocks.js";
import type { Block, DocxContext } from "./context.js";

export function summaryBlocks({ v }: DocxContext): Block[] {
  const { a, posture } = v;
  const counts = countBySeverity(a);
  const top = v.actions.slice(0, TOP_ACTIONS);
  return [
    para([
      bold("Overall posture: "),
      new TextRun({
        text: posture.rating.toUpperCase(),
        bold: true,
        color: posture.rating === "good" ? "2E7D32" : "C0392B",
      }),
    ]),
    para([bold(posture.headline)]),
    ...posture.points.map((p) => bullet(p)),
    para(`How the rating is set: ${POSTURE_RULE}`, { muted: true, size: 16 }),
    table(
      ["Zones at target", "Critical", "High", "Medium", "Low and info", "Assets"],
      [
        [
          `${a.zones.filter((z) => worstShortfall(z) === 0).length} of ${a.zones.length}`,
          String(counts.critical),
          String(counts.high),
          String(counts.medium),
          String(counts.low + counts.info),
          String(a.assets.length),
        ],
      ],
    ),
    sourceNote("the findings, the gap assessment and the inventory of this review."),
    para([bold(`The ${top.length || "ten"} actions that reduce the most risk`)]),
    ...(top.length
      ? [
          table(
            ["#", "Action", "Severity", "Zones", "Findings"],
            top.map((x, i) => [
              String(i + 1),
              [
                new Paragraph({ children: [new TextRun({ text: x.title, bold: true, size: 17 })] }),
                new Paragraph({ children: [new TextRun({ text: x.action, size: 16 })] }),
              ],
              [severityRun(x.severity)],
              x.zones.join(", ") || "plant-wide",
              x.findings.join("\n") || x.requirements.join(", "),
            ]),
            [4, 50, 12, 13, 21],
          ),
          sourceNote(
            `the findings and the gap assessment. The full plan (${v.actions.length} actions, with owner, due date and status columns) is in actions.xlsx.`,
          ),
        ]
      : [emptyNote("No action is needed: the assessment raised no findings and no unmet requirements.")]),
  ];
}

export function trendBlocks({ v }: DocxContext): Block[] {
  const t = v.trend;
  if (!t)
    return [
      emptyNote("This is the first review stored for this plant, so there is nothing to compare with yet."),
    ];
  const list = (items: typeof t.improved, none: string) =>
    items.length ? items.slice(0, 40).map((i) => bullet(`${i.area}: ${i.text}`)) : [emptyNote(none)];
  return [
    para(
      `Compared with the review of ${t.previous.finishedAt.slice(0, 10)} (${t.previous.id}); ${t.persisting} findings persist.`,
    ),
    para([bold(`Improved (${t.improved.length})`)]),
    ...list(t.improved, "Nothing improved."),
    para([bold(`Regressed (${t.regressed.length})`)]),
    ...list(t.regressed, "Nothing regressed."),
    sourceNote("this assessment compared with the previous one stored in the plant's workspace."),
  ];
}

export function zonesBlocks(ctx: DocxContext): Block[] {
  const { v } = ctx;
  const { a } = v;
  if (a.zones.length === 0) return [emptyNote("plant.yaml declares no zones or conduits.")];
  const zoneRows = a.zones.map((z) => {
    const rec = z.slRecommended;
    return [
      z.name,
      String(z.purdueLevel),
      z.criticality,
      String(z.assets.length),
      formatSl(z.slTarget),
      rec ? formatSl(rec) : "—",
      formatSl(z.slAchieved),
      shortfallColour(worstShortfall(z)).label,
    ];
  });
  const linkRows = v.traffic.links.map((l) => [
    l.conduit ?? "no conduit",
    `${zoneName(v, l.zones[0])} ↔ ${zoneName(v, l.zones[1])}`,
    String(l.flows),
    l.protocols.map((p) => p.name).join(", ") || "none seen",
    l.unauthenticated.join(", ") || "—",
    l.findings.length > 6
      ? `${l.findings.slice(0, 6).join("\n")}\nand ${l.findings.length - 6} more`
      : l.findings.join("\n") || "—",
  ]);
  return [
    ...figureBlocks(v.figures.zoneDiagram, ctx.images, ctx.nextFigure),
    table(
      ["Zone", "Purdue", "Criticality", "Assets", "SL-T", "SL-T by risk", "SL-A", "Against target"],
      zoneRows,
      [22, 8, 11, 8, 14, 12, 14, 15],
    ),
    sourceNote(
      "plant.yaml (zones, SL-T); the inventory; the gap assessment (SL-A); the risk analysis where present.",
    ),
    ...(linkRows.length
      ? [
          table(
            ["Conduit", "Zones", "Flows", "Protocols seen", "Unauthenticated", "Findings"],
            linkRows,
            [16, 22, 7, 20, 15, 20],
          ),
          sourceNote("plant.yaml (conduits); the captures' flows; findings that name both zones."),
        ]
      : []),
  ];
}

export function levelsBlocks(ctx: DocxContext): Block[] {
  const { a } = ctx.v;
  if (a.zones.length === 0) return [emptyNote("No zones are declared.")];
  return [
    ...figureBlocks(ctx.v.figures.radar, ctx.images, ctx.nextFigure),
    table(
      ["Zone", ...FOUNDATIONAL.map((fr) => `${fr.id} ${fr.abbrev}`)],
      a.zones.map((z) => {
        const gap = shortfalls(z);
        return [
          z.name,
          ...FOUNDATIONAL.map((_, i) => `${z.slAchieved[i]} / ${z.slTarget[i]}${gap[i] ? " ▲" : ""}`),
        ];
      }),
      [23, 11, 11, 11, 11, 11, 11, 11],
    ),
    sourceNote(
      "SL-T from plant.yaml; SL-A from the gap assessment. Each cell is SL-A / SL-T; ▲ marks a shortfall.",
    ),
    para(
      "An achieved level counts a foundational requirement as reached only when every requirement that level asks for is shown met; unanswered requirements stay unknown and hold the level down.",
      { muted: true, size: 16 },
    ),
  ];
}

export function risksBlocks(ctx: DocxContext): Block[] {
  const risks = ctx.v.risks;
  if (!risks || risks.length === 0)
    return [
      emptyNote(
        risks
          ? "The risk analysis found no threat scenario that applies."
          : "This assessment carries no risk register: the IEC 62443-3-2 risk analysis has not been run for this plant.",
      ),
    ];
  const point = (p: (typeof risks)[number]["residual"]) =>
    `${p.likelihood}×${p.impact} = ${p.score}${p.tolerable ? " (tolerable)" : ""}`;
  return [
    ...figureBlocks(ctx.v.figures.heatMap, ctx.images, ctx.nextFigure),
    table(
      ["Scenario", "Zone", "Techniques", "Unmitigated", "Residual", "Countermeasures"],
      risks.flatMap((r) => [
        [
          `${r.title}\n${r.id}`,
          r.zone,
          r.techniques.join(" "),
          point(r.unmitigated),
          point(r.residual),
          r.countermeasures.map((c) => `${c.requirement} ${c.result}`).join(", "),
        ],
        [`Why: ${r.reasons.join("; ")}`],
      ]),
      [26, 10, 12, 13, 13, 26],
    ),
    sourceNote(
      "the risk register of this assessment: likelihood from the evidence, impact from the zones' consequence ratings; residual risk credits only countermeasures shown met.",
    ),
  ];
}
