/** The zone-by-zone communication matrix and the list of zone pairs behind it. */
import { CELL_STYLE, cellKind, conduitPairs } from "../figures/zone-matrix.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { count, emptyNote, figureHtml, formatBytes, sectionHtml, tableHtml } from "./common.js";
import { evidenceHtml } from "./evidence-html.js";
import { zoneName } from "./zones.js";

export function matrixSection(v: ReportView): string {
  const { a, traffic } = v;
  if (!a.capture)
    return sectionHtml("matrix", "Zone communication matrix", emptyNote("No capture was given (captures/), so no communication between zones was observed."));
  if (!v.figures.matrix)
    return sectionHtml("matrix", "Zone communication matrix", emptyNote("The captures hold no IP traffic between known addresses."));
  const conduits = conduitPairs(a);
  const pairs = [...traffic.pairs].sort((x, y) => Number(x.from === x.to) - Number(y.from === y.to) || y.flows - x.flows);
  const rows = pairs.map((p) => {
    const kind = cellKind(p, conduits);
    return `<tr${kind === "unplanned" ? ' class="flagged"' : ""}><td>${esc(zoneName(v, p.from))}</td><td>${esc(zoneName(v, p.to))}</td><td class="num">${count(p.flows)}</td><td class="num">${count(p.packets)}</td><td class="num">${formatBytes(p.bytes)}</td>
<td>${esc(p.protocols.slice(0, 8).map((x) => `${x.name} (${x.flows})`).join(", "))}${p.protocols.length > 8 ? ` +${p.protocols.length - 8}` : ""}</td>
<td><span class="swatch" style="background:${CELL_STYLE[kind].fill};border-color:${CELL_STYLE[kind].stroke}"></span>${esc(CELL_STYLE[kind].legend)}</td>
<td>${evidenceHtml({ kind: "frame", file: p.evidence.file, frame: p.evidence.frame }, v.evidence)}</td></tr>`;
  });
  return sectionHtml(
    "matrix",
    "Zone communication matrix",
    `${figureHtml(v.figures.matrix)}
${tableHtml(["From (clients)", "To (servers)", "Flows", "Packets", "Bytes", "Protocols (flows)", "Path", "First flow"], rows, "the captures' flows, placed in zones by the inventory's addresses (the side that opened the connection is the client); conduits from plant.yaml.")}`,
    "Which zones talk to which, as observed on the wire: traffic inside a zone, over a declared conduit, and between zones that no conduit connects.",
  );
}
