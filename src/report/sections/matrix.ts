/**
 * The zone-by-zone communication matrix, and the zone pairs behind it: what was seen on the wire and, where
 * firewall configurations were given, what the firewalls permit, with the rules that permit it and what goes
 * beyond the declared conduit.
 */

import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { CELL_STYLE, cellKind, conduitPairs } from "../figures/zone-matrix.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import type { ZonePairTraffic } from "../view/zone-traffic.js";
import { count, emptyNote, figureHtml, sectionHtml, tableHtml } from "./common.js";
import { evidenceHtml } from "./evidence-html.js";
import type { ReportSectionEntry } from "./section.js";
import { zoneName } from "./zones.js";

const SHOWN = 6;

/** What the firewalls permit, in short: the rules themselves are in the reachability section. */
function firewallCell(p: ZonePairTraffic): string {
  const r = p.reach;
  if (!r) return '<span class="muted">no configuration</span>';
  if (r.status === "blocked") return "blocks everything";
  if (r.status === "ungoverned") return '<span class="muted">no firewall between them</span>';
  const shown = r.permitted.slice(0, SHOWN).map((x) => esc(x.service));
  return `<span class="small">permits ${shown.join(", ")}${r.permitted.length > SHOWN ? ` +${r.permitted.length - SHOWN}` : ""}</span>`;
}

function matrixHtml(v: ReportView): string {
  const { a, traffic } = v;
  if (!a.capture && !a.zoneMatrix)
    return sectionHtml(
      "matrix",
      "Zone communication matrix",
      emptyNote(
        "No capture (captures/) and no firewall configuration (firewalls/) was given, so neither the communication between zones nor what the firewalls allow is known.",
      ),
    );
  if (!v.figures.matrix)
    return sectionHtml(
      "matrix",
      "Zone communication matrix",
      emptyNote(
        "The captures hold no IP traffic between known addresses and no firewall lets one zone reach another.",
      ),
    );
  const conduits = conduitPairs(a);
  const pairs = traffic.pairs
    .filter((p) => p.from !== p.to && (p.flows > 0 || p.reach?.status === "permitted"))
    .sort(
      (x, y) =>
        Number((y.reach?.beyond.length ?? 0) > 0) - Number((x.reach?.beyond.length ?? 0) > 0) ||
        y.flows - x.flows,
    );
  const rows = pairs.map((p) => {
    const kind = cellKind(p, conduits);
    const conduit = a.conduits.find(
      (c) => (c.zones[0] === p.from && c.zones[1] === p.to) || (c.zones[1] === p.from && c.zones[0] === p.to),
    );
    return `<tr${kind === "unplanned" ? ' class="flagged"' : ""}><td>${esc(zoneName(v, p.from))}</td><td>${esc(zoneName(v, p.to))}</td>
<td>${conduit ? esc(conduit.id) : '<span class="warn">none</span>'}</td>
<td class="num">${count(p.flows)}</td><td class="small">${
      esc(
        p.protocols
          .slice(0, 8)
          .map((x) => `${x.name} (${x.flows})`)
          .join(", "),
      ) || "—"
    }</td>
<td>${firewallCell(p)}</td>
<td class="small">${p.reach?.beyond.length ? `<span class="warn">${esc(p.reach.beyond.join("; "))}</span>` : "—"}</td>
<td>${p.evidence ? evidenceHtml({ kind: "frame", file: p.evidence.file, frame: p.evidence.frame }, v.evidence) : "—"}</td></tr>`;
  });
  const table = rows.length
    ? tableHtml(
        [
          "From (clients)",
          "To (servers)",
          "Conduit",
          "Flows",
          "Protocols seen (flows)",
          "Firewalls",
          "Beyond the conduit",
          "First flow",
        ],
        rows,
        `the captures' flows, placed in zones by the inventory's addresses (the side that opened the connection is the client); conduits from plant.yaml${a.zoneMatrix ? `; what the firewalls permit, computed from ${a.zoneMatrix.interfaces.length ? [...new Set(a.zoneMatrix.interfaces.map((i) => i.file))].join(", ") : "the firewall configurations"}; the permitting rules are listed under zone reachability` : ""}.`,
      )
    : emptyNote("No traffic and no firewall path between different zones.");
  const legend = Object.values(CELL_STYLE).map((s) => s.legend);
  return sectionHtml(
    "matrix",
    "Zone communication matrix",
    `${figureHtml(v.figures.matrix)}${table}`,
    `Which zones talk to which, as observed on the wire${a.zoneMatrix ? " and as the firewalls allow" : ""}. Cells: ${esc(legend.join("; "))}.`,
  );
}

function matrixBlocks(ctx: DocxContext): Block[] {
  const { v } = ctx;
  if (!v.a.capture)
    return [word.emptyNote("No capture was given, so no communication between zones was observed.")];
  if (!v.figures.matrix) return [word.emptyNote("The captures hold no IP traffic between known addresses.")];
  return [
    ...word.figureBlocks(v.figures.matrix, ctx.images, ctx.nextFigure),
    word.table(
      ["From", "To", "Flows", "Protocols", "First flow"],
      v.traffic.pairs.map((p) => [
        zoneName(v, p.from),
        zoneName(v, p.to),
        String(p.flows),
        p.protocols.map((x) => `${x.name} (${x.flows})`).join(", "),
        p.evidence ? `${p.evidence.file}#${p.evidence.frame}` : "—",
      ]),
      [18, 18, 8, 38, 18],
    ),
    word.sourceNote("the captures' flows placed in zones by the inventory's addresses."),
  ];
}

export const matrixSection = {
  id: "matrix",
  title: "Zone communication matrix",
  newPage: false,
  html: matrixHtml,
  docx: matrixBlocks,
} satisfies ReportSectionEntry;
