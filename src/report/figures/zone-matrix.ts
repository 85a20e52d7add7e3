/**
 * The zone-by-zone communication matrix: clients' zones down, servers' zones across; each cell counts the
 * flows seen and names the main protocols, coloured by whether a declared conduit carries them.
 */
import type { Assessment } from "../../model/assessment.js";
import { EXTERNAL } from "../../model/plant.js";
import { esc } from "../html-escape.js";
import { FLOW_COLOURS, INK, LINE, MUTED } from "../view/palette.js";
import { UNZONED, type ZonePairTraffic, type ZoneTraffic } from "../view/zone-traffic.js";
import { type Figure, fit, num, svgDocument, svgText, textWidth } from "./svg.js";

const HEAD_W = 120;
const HEAD_H = 46;
const CELL_W = 96;
const CELL_H = 50;

export type CellKind = "intra" | "blocked" | "conduit" | "unauthenticated" | "unplanned";

export const CELL_STYLE: Record<CellKind, { fill: string; stroke: string; legend: string }> = {
  intra: { fill: FLOW_COLOURS.intraZone, stroke: LINE, legend: "within a zone" },
  blocked: { fill: "#f1f8f1", stroke: "#81c784", legend: "firewall lets nothing through" },
  conduit: { fill: "#e3f0f8", stroke: FLOW_COLOURS.conduit, legend: "within a declared conduit" },
  unauthenticated: {
    fill: "#fff0e0",
    stroke: FLOW_COLOURS.unauthenticated,
    legend: "within a conduit, unauthenticated protocols",
  },
  unplanned: { fill: "#fde8e8", stroke: FLOW_COLOURS.violation, legend: "beyond or without a conduit" },
};

export function cellKind(pair: ZonePairTraffic, conduits: ReadonlySet<string>): CellKind {
  if (pair.from === pair.to) return "intra";
  if (pair.flows === 0 && pair.reach?.status === "blocked") return "blocked";
  if (!conduits.has(`${pair.from}\u0000${pair.to}`) || (pair.reach?.beyond.length ?? 0) > 0)
    return "unplanned";
  return pair.unauthenticated.length > 0 ? "unauthenticated" : "conduit";
}

/** The second line of a cell: what the firewalls permit, or the main protocols seen. */
function cellDetail(pair: ZonePairTraffic): string {
  if (pair.reach?.status === "blocked") return "blocked";
  if (pair.flows === 0 && pair.reach)
    return `permits ${pair.reach.permitted.length} service${pair.reach.permitted.length === 1 ? "" : "s"}`;
  const protocols = pair.protocols
    .slice(0, 2)
    .map((p) => p.name)
    .join(", ");
  return protocols + (pair.protocols.length > 2 ? ` +${pair.protocols.length - 2}` : "");
}

/** Both orientations of every declared conduit, as `from\0to` keys. */
export function conduitPairs(a: Assessment): Set<string> {
  return new Set(
    a.conduits.flatMap((c) => [`${c.zones[0]}\u0000${c.zones[1]}`, `${c.zones[1]}\u0000${c.zones[0]}`]),
  );
}

/** The short line under a zone id: its Purdue level, or what a pseudo-zone stands for. */
export function zoneCaption(a: Assessment, id: string): string {
  if (id === EXTERNAL) return "public addresses";
  if (id === UNZONED) return "no zone";
  const zone = a.zones.find((z) => z.id === id);
  return zone ? `Purdue level ${zone.purdueLevel}` : "";
}

export function zoneMatrix(a: Assessment, traffic: ZoneTraffic): Figure | null {
  if (traffic.pairs.length === 0) return null;
  const ids = traffic.zones;
  const conduits = conduitPairs(a);
  const cells = new Map(traffic.pairs.map((p) => [`${p.from}\u0000${p.to}`, p]));
  const width = HEAD_W + ids.length * CELL_W + 2;
  const gridH = HEAD_H + ids.length * CELL_H;
  const parts: string[] = [
    svgText(HEAD_W - 8, 16, "server →", { anchor: "end", size: 10.5, fill: MUTED }),
    svgText(8, HEAD_H - 8, "client ↓", { size: 10.5, fill: MUTED }),
  ];
  ids.forEach((id, i) => {
    const x = HEAD_W + i * CELL_W;
    parts.push(
      svgText(x + CELL_W / 2, 18, fit(id, CELL_W - 6, 11), {
        anchor: "middle",
        size: 11,
        weight: "bold",
        fill: INK,
      }),
      svgText(x + CELL_W / 2, 33, fit(zoneCaption(a, id), CELL_W - 6, 9.5), {
        anchor: "middle",
        size: 9.5,
        fill: MUTED,
      }),
    );
    const y = HEAD_H + i * CELL_H;
    parts.push(
      svgText(8, y + CELL_H / 2 - 6, fit(id, HEAD_W - 12, 11), {
        size: 11,
        weight: "bold",
        fill: INK,
        baseline: "middle",
      }),
      svgText(8, y + CELL_H / 2 + 9, fit(zoneCaption(a, id), HEAD_W - 12, 9.5), {
        size: 9.5,
        fill: MUTED,
        baseline: "middle",
      }),
    );
  });
  ids.forEach((from, r) => {
    ids.forEach((to, c) => {
      const x = HEAD_W + c * CELL_W;
      const y = HEAD_H + r * CELL_H;
      const pair = cells.get(`${from}\u0000${to}`);
      if (!pair) {
        parts.push(
          `<rect x="${num(x)}" y="${num(y)}" width="${CELL_W}" height="${CELL_H}" fill="#fff" stroke="${LINE}"/>`,
        );
        return;
      }
      const style = CELL_STYLE[cellKind(pair, conduits)];
      const tip = [
        `${from} → ${to}: ${pair.flows} flows seen`,
        pair.protocols.map((p) => `${p.name} ${p.flows}`).join(", "),
        pair.evidence ? `first flow ${pair.evidence.file}#${pair.evidence.frame}` : "",
        pair.reach
          ? `firewall: ${pair.reach.status}${pair.reach.permitted.length ? ` (${pair.reach.permitted.map((x) => x.service).join(", ")})` : ""}`
          : "",
        ...(pair.reach?.beyond ?? []),
      ]
        .filter(Boolean)
        .join("; ");
      parts.push(
        `<g><title>${esc(tip)}</title><rect x="${num(x)}" y="${num(y)}" width="${CELL_W}" height="${CELL_H}" fill="${style.fill}" stroke="${LINE}"/>`,
        `<rect x="${num(x + 1.5)}" y="${num(y + 1.5)}" width="${CELL_W - 3}" height="${CELL_H - 3}" fill="none" stroke="${style.stroke}" stroke-width="1.5"/>`,
        svgText(
          x + CELL_W / 2,
          y + 19,
          pair.flows === 0
            ? "no flows"
            : `${pair.flows} flow${pair.flows === 1 ? "" : "s"}${pair.unauthenticated.length && from !== to ? " ⚠" : ""}`,
          {
            anchor: "middle",
            size: 12,
            weight: "bold",
            fill: INK,
          },
        ),
        svgText(x + CELL_W / 2, y + 36, fit(cellDetail(pair), CELL_W - 8, 10), {
          anchor: "middle",
          size: 10,
          fill: MUTED,
        }),
        "</g>",
      );
    });
  });
  const width0 = Math.max(width, 640);
  let lx = 0;
  let ly = gridH + 20;
  for (const s of Object.values(CELL_STYLE)) {
    const w = 34 + textWidth(s.legend, 11);
    if (lx > 0 && lx + w > width0) {
      lx = 0;
      ly += 20;
    }
    parts.push(
      `<rect x="${num(lx)}" y="${ly - 6}" width="16" height="12" fill="${s.fill}" stroke="${s.stroke}" stroke-width="1.5"/>`,
      svgText(lx + 22, ly, s.legend, { size: 11, baseline: "middle", fill: INK }),
    );
    lx += w;
  }
  const height = ly + 14;
  return {
    id: "zone-matrix",
    title: "Zone-by-zone communication matrix",
    svg: svgDocument(width0, height, "Zone-by-zone communication matrix", parts.join("")),
    width: width0,
    height,
    source: `Observed flows of the captures (${traffic.counted} IP flows; ${traffic.skipped} broadcast, multicast or link-local flows left out), placed in zones by the inventory's addresses; conduits from plant.yaml${a.zoneMatrix ? "; what the firewalls permit, from the firewall configurations (zone matrix of the architecture analysis)" : ""}.`,
  };
}
