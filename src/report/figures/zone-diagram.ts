/**
 * The zone and conduit diagram: zones as boxes in Purdue order (enterprise at the top), conduits and observed
 * cross-zone traffic as lines, laid out by ELK's layered algorithm (elkjs) and drawn as SVG. A zone's colour is
 * how far its SL-A falls short of its SL-T (a zone outside the system under consideration is grey, with its trust);
 * a line's colour says what runs over it.
 */
import ELK, { type ElkExtendedEdge, type ElkNode } from "elkjs/lib/elk.bundled.js";
import type { Assessment, ZoneResult } from "../../model/assessment.js";
import { EXTERNAL } from "../../model/plant.js";
import { formatSl, worstShortfall } from "../../model/security-level.js";
import type { ExternalZone } from "../../model/system-design.js";
import { outsideOf } from "../view/design.js";
import { FLOW_COLOURS, INK, LINE, MUTED, SHORTFALL_COLOURS, shortfallColour } from "../view/palette.js";
import { UNZONED, type ZoneLink, type ZoneTraffic } from "../view/zone-traffic.js";
import { type Figure, fit, num, svgDocument, svgText, textWidth } from "./svg.js";

const NODE_W = 250;
const NODE_H = 104;
const PSEUDO_H = 56;
const LABEL_LINE = 14;

export const PSEUDO_ZONE_NAMES: Record<string, string> = {
  [EXTERNAL]: "External (internet)",
  [UNZONED]: "Addresses in no zone",
};

type LinkStyle = "clean" | "unauthenticated" | "violation" | "unplanned";

const STYLE: Record<LinkStyle, { stroke: string; width: number; dash: string; legend: string }> = {
  clean: { stroke: FLOW_COLOURS.conduit, width: 2, dash: "", legend: "conduit" },
  unauthenticated: {
    stroke: FLOW_COLOURS.unauthenticated,
    width: 3,
    dash: "",
    legend: "conduit carrying unauthenticated protocols",
  },
  violation: {
    stroke: FLOW_COLOURS.violation,
    width: 3,
    dash: "",
    legend: "conduit with findings, or traffic beyond it",
  },
  unplanned: {
    stroke: FLOW_COLOURS.violation,
    width: 2.5,
    dash: "7 4",
    legend: "traffic, firewall path or findings with no conduit",
  },
};

function linkStyle(l: ZoneLink): LinkStyle {
  if (l.conduit === null) return "unplanned";
  if (l.findings.length > 0 || l.beyond.length > 0) return "violation";
  if (l.unauthenticated.length > 0) return "unauthenticated";
  return "clean";
}

function linkLabel(l: ZoneLink, hasCapture: boolean): string[] {
  const lines = [l.conduit ?? "no conduit"];
  if (l.protocols.length > 0) {
    const shown = l.protocols.slice(0, 3).map((p) => p.name);
    lines.push(`${shown.join(", ")}${l.protocols.length > 3 ? ` +${l.protocols.length - 3}` : ""}`);
  } else if (l.permitted) {
    lines.push("firewall permits traffic; none seen");
  } else if (hasCapture) {
    lines.push("no traffic seen");
  }
  if (l.unauthenticated.length > 0)
    lines.push(`⚠ unauthenticated: ${l.unauthenticated.slice(0, 3).join(", ")}`);
  if (l.conduit !== null && l.beyond.length > 0)
    lines.push(`⚠ beyond the conduit: ${l.beyond.length} item${l.beyond.length === 1 ? "" : "s"}`);
  if (l.findings.length > 0)
    lines.push(`⚠ ${l.findings.length} finding${l.findings.length === 1 ? "" : "s"}`);
  return lines;
}

/** Purdue level of a zone or pseudo-zone: external above everything, unzoned addresses below. */
function levelOf(id: string, zones: Map<string, ZoneResult>): number {
  if (id === EXTERNAL) return 6;
  if (id === UNZONED) return -1;
  return zones.get(id)?.purdueLevel ?? -1;
}

export async function zoneDiagram(a: Assessment, traffic: ZoneTraffic): Promise<Figure> {
  const zones = new Map(a.zones.map((z) => [z.id, z]));
  const ids = traffic.zones.filter((id) => zones.has(id) || traffic.links.some((l) => l.zones.includes(id)));
  const levels = [...new Set(ids.map((id) => levelOf(id, zones)))].sort((x, y) => y - x);
  const hasCapture = a.capture !== null;

  const links = traffic.links.filter((l) => ids.includes(l.zones[0]) && ids.includes(l.zones[1]));
  const edges: ElkExtendedEdge[] = links.map((l, i) => {
    // Edges run down the Purdue levels, so the layered layout keeps enterprise above control.
    const [upper, lower] =
      levelOf(l.zones[0], zones) >= levelOf(l.zones[1], zones) ? l.zones : [l.zones[1], l.zones[0]];
    const text = linkLabel(l, hasCapture);
    return {
      id: `e${i}`,
      sources: [upper],
      targets: [lower],
      labels: [
        {
          text: text.join("\n"),
          width: Math.max(...text.map((t) => textWidth(t, 11))) + 12,
          height: text.length * LABEL_LINE + 6,
        },
      ],
    };
  });
  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.partitioning.activate": "true",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.spacing.nodeNode": "50",
      "elk.layered.spacing.nodeNodeBetweenLayers": "50",
      "elk.spacing.edgeLabel": "6",
      "elk.edgeLabels.placement": "CENTER",
      "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
      "elk.padding": "[top=10,left=10,bottom=10,right=10]",
    },
    children: ids.map((id) => ({
      id,
      width: NODE_W,
      height: zones.has(id) ? NODE_H : PSEUDO_H,
      layoutOptions: { "elk.partitioning.partition": String(levels.indexOf(levelOf(id, zones))) },
    })),
    edges,
  };
  const laid = await new ELK.default().layout(graph);

  const body: string[] = [];
  for (const [i, edge] of (laid.edges ?? []).entries()) body.push(edgeSvg(edge, links[i]!));
  for (const node of laid.children ?? []) {
    const zone = zones.get(node.id);
    body.push(nodeSvg(node, zone, zone ? outsideOf(a, zone) : null));
  }
  for (const edge of laid.edges ?? []) body.push(edgeLabelSvg(edge));

  const graphH = laid.height ?? 0;
  const width = Math.max(laid.width ?? 0, 620);
  const legend = legendSvg(graphH + 10, width);
  const height = graphH + 10 + legend.height;
  return {
    id: "zone-diagram",
    title: "Zones and conduits",
    svg: svgDocument(width, height, "Zone and conduit diagram", body.join("") + legend.svg),
    width,
    height,
    source: `Zones, conduits and target levels from plant.yaml; SL-A from the gap assessment; traffic from ${
      hasCapture ? "the captures' flows" : "no capture (none given)"
    }${a.zoneMatrix ? "; firewall paths from the firewall configurations" : ""}; findings that name both zones of a pair.`,
  };
}

function nodeSvg(node: ElkNode, zone: ZoneResult | undefined, outside: ExternalZone | null): string {
  const x = node.x ?? 0;
  const y = node.y ?? 0;
  const w = node.width ?? NODE_W;
  const h = node.height ?? NODE_H;
  if (!zone) {
    return `<g><rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" rx="6" fill="#f4f5f7" stroke="${MUTED}" stroke-width="1.5" stroke-dasharray="5 3"/>${svgText(x + w / 2, y + h / 2, PSEUDO_ZONE_NAMES[node.id] ?? node.id, { anchor: "middle", baseline: "middle", weight: "bold", fill: MUTED })}</g>`;
  }
  const level = `L${zone.purdueLevel}`;
  const head = `${svgText(x + 10, y + 21, fit(zone.name, w - 60, 13), { size: 13, weight: "bold", fill: INK })}
${svgText(x + 10, y + 38, fit(`${zone.assets.length} asset${zone.assets.length === 1 ? "" : "s"} · criticality: ${zone.criticality}`, w - 20, 11), { size: 11, fill: MUTED })}`;
  if (outside)
    return `<g>
<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" rx="6" fill="#f4f5f7" stroke="${MUTED}" stroke-width="2" stroke-dasharray="7 3"/>
<rect x="${num(x + w - 40)}" y="${num(y + 8)}" width="32" height="18" rx="3" fill="${MUTED}"/>
${svgText(x + w - 24, y + 17, level, { anchor: "middle", baseline: "middle", size: 11, weight: "bold", fill: "#fff" })}
${head}
${svgText(x + 10, y + 58, "outside the SuC", { size: 11.5, weight: "bold", fill: MUTED })}
${svgText(x + 10, y + 74, `trust: ${outside.trust}`, { size: 11.5, fill: INK })}
${svgText(x + 10, y + 93, fit("not assessed against 62443-3-3", w - 20, 11), { size: 11, fill: MUTED })}
</g>`;
  const short = worstShortfall(zone);
  const colour = shortfallColour(short);
  return `<g>
<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" rx="6" fill="${colour.fill}" stroke="${colour.stroke}" stroke-width="2"/>
<rect x="${num(x + w - 40)}" y="${num(y + 8)}" width="32" height="18" rx="3" fill="${colour.stroke}"/>
${svgText(x + w - 24, y + 17, level, { anchor: "middle", baseline: "middle", size: 11, weight: "bold", fill: "#fff" })}
${head}
${svgText(x + 10, y + 58, `SL-T ${formatSl(zone.slTarget)}`, { size: 11.5, fill: INK })}
${svgText(x + 10, y + 74, `SL-A ${formatSl(zone.slAchieved)}`, { size: 11.5, fill: INK })}
${svgText(x + 10, y + 93, short === 0 ? "✔ target reached" : `▲ ${colour.label}`, { size: 11, weight: "bold", fill: colour.stroke })}
</g>`;
}

function edgeSvg(edge: ElkExtendedEdge, link: ZoneLink): string {
  const style = STYLE[linkStyle(link)];
  return (edge.sections ?? [])
    .map((s) => {
      const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map(
        (p) => `${num(p.x)},${num(p.y)}`,
      );
      return `<polyline points="${points.join(" ")}" fill="none" stroke="${style.stroke}" stroke-width="${style.width}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ""} stroke-linecap="round"/>`;
    })
    .join("");
}

function edgeLabelSvg(edge: ElkExtendedEdge): string {
  return (edge.labels ?? [])
    .map((l) => {
      const x = l.x ?? 0;
      const y = l.y ?? 0;
      const lines = (l.text ?? "").split("\n");
      const text = lines
        .map((t, i) =>
          svgText(x + 6, y + 4 + LABEL_LINE * (i + 0.5), t, {
            size: 11,
            baseline: "middle",
            weight: i === 0 ? "bold" : "normal",
            fill: t.startsWith("⚠") ? FLOW_COLOURS.violation : INK,
          }),
        )
        .join("");
      return `<g><rect x="${num(x)}" y="${num(y)}" width="${num(l.width ?? 0)}" height="${num(l.height ?? 0)}" rx="3" fill="#fff" fill-opacity="0.94" stroke="${LINE}"/>${text}</g>`;
    })
    .join("");
}

function legendSvg(top: number, width: number): { svg: string; height: number } {
  const parts: string[] = [
    `<line x1="0" y1="${num(top)}" x2="${num(width)}" y2="${num(top)}" stroke="${LINE}"/>`,
  ];
  let x = 10;
  let y = top + 20;
  const place = (w: number) => {
    if (x + w > width - 10) {
      x = 10;
      y += 20;
    }
    const at = x;
    x += w;
    return at;
  };
  for (const c of SHORTFALL_COLOURS) {
    const at = place(textWidth(c.label, 11) + 34);
    parts.push(
      `<rect x="${num(at)}" y="${num(y - 7)}" width="16" height="12" rx="2" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.5"/>`,
      svgText(at + 22, y, c.label, { size: 11, baseline: "middle", fill: INK }),
    );
  }
  x = 10;
  y += 20;
  for (const s of Object.values(STYLE)) {
    const at = place(textWidth(s.legend, 11) + 50);
    parts.push(
      `<line x1="${num(at)}" y1="${num(y)}" x2="${num(at + 28)}" y2="${num(y)}" stroke="${s.stroke}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      svgText(at + 34, y, s.legend, { size: 11, baseline: "middle", fill: INK }),
    );
  }
  return { svg: parts.join(""), height: y - top + 14 };
}
