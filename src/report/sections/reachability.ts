/** Zone reachability through the firewall rules, beside the declared conduits: the `zoneMatrix` of the assessment. */
import type { ZoneMatrixCell } from "../../model/zone-matrix.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, sectionHtml, tableHtml } from "./common.js";
import { evidenceHtml } from "./evidence-html.js";
import type { ReportSectionEntry } from "./section.js";

const MAX_SERVICES = 8;

function services(cell: ZoneMatrixCell): string {
  const list = [...new Set(cell.permitted.map((s) => (s.name ? `${s.service} (${s.name})` : s.service)))];
  // One entry per permitting rule; a semicolon keeps "any except ..." from running into the next entry.
  return `${list.slice(0, MAX_SERVICES).map(esc).join("; ")}${list.length > MAX_SERVICES ? `; +${list.length - MAX_SERVICES}` : ""}`;
}

function verdict(cell: ZoneMatrixCell): { text: string; flagged: boolean } {
  const beyond = [...new Set(cell.permitted.flatMap((s) => s.beyondConduit))];
  if (cell.conduit === null) return { text: "no conduit declared", flagged: true };
  if (beyond.length)
    return { text: `conduit ${cell.conduit}; also permits ${beyond.slice(0, 4).join(", ")}`, flagged: true };
  return { text: `within conduit ${cell.conduit}`, flagged: false };
}

function reachabilityHtml(v: ReportView): string {
  const title = "Zone reachability through the firewalls";
  const m = v.a.zoneMatrix;
  if (!m || m.interfaces.length === 0)
    return sectionHtml(
      "reachability",
      title,
      emptyNote(
        "No firewall configuration was given (firewalls/), so what the rules let each zone reach was not computed.",
      ),
    );
  const permitted = m.cells.filter((c) => c.status === "permitted");
  const rows = permitted.map((c) => {
    const { text, flagged } = verdict(c);
    const rules = [
      ...new Map(c.permitted.flatMap((s) => s.rules).map((r) => [`${r.file}:${r.line}`, r])).values(),
    ];
    return `<tr${flagged ? ' class="flagged"' : ""}><td>${esc(c.from)}</td><td>${esc(c.to)}</td><td>${services(c)}${c.exact ? "" : ' <span class="muted">(upper bound)</span>'}</td><td>${esc(text)}</td>
<td>${rules
      .slice(0, 4)
      .map((r) => evidenceHtml({ kind: "line", file: r.file, line: r.line }, v.evidence))
      .join(" ")}${rules.length > 4 ? ` +${rules.length - 4}` : ""}</td></tr>`;
  });
  const blocked = m.cells.filter((c) => c.status === "blocked").map((c) => `${c.from} → ${c.to}`);
  const ungoverned = m.cells.filter((c) => c.status === "ungoverned").length;
  const mapping = m.interfaces
    .filter((i) => i.zones.length)
    .map(
      (i) =>
        `<li><code>${esc(i.file)}</code> ${esc(i.interface)}: ${esc(i.zones.join(", "))} <span class="muted">(${esc(i.reason)})</span></li>`,
    )
    .join("");
  return sectionHtml(
    "reachability",
    title,
    `${rows.length ? tableHtml(["From", "To", "Services the rules permit", "Against the conduits", "Permitting rules"], rows, "the firewall configurations in firewalls/, evaluated rule by rule for new connections from every address of one zone to every address of the other; conduits from plant.yaml.") : emptyNote("The firewall rules let no zone open connections to another.")}
${blocked.length ? `<p>Blocked by the firewalls: ${esc(blocked.join("; "))}.</p>` : ""}
${ungoverned ? `<p class="muted">${ungoverned} zone pairs have no firewall configuration between them; nothing is said about them.</p>` : ""}
<details><summary>Zones behind each firewall interface</summary><ul>${mapping}</ul></details>`,
    "What each zone can open connections to in each other zone, according to the firewall rules, and where that exceeds the declared conduits. (external) is every address outside the declared zones.",
  );
}

function reachabilityBlocks({ v }: DocxContext): Block[] {
  const m = v.a.zoneMatrix;
  if (!m || m.interfaces.length === 0)
    return [
      word.emptyNote(
        "No firewall configuration was given, so what the rules let each zone reach was not computed.",
      ),
    ];
  const permitted = m.cells.filter((c) => c.status === "permitted");
  if (permitted.length === 0)
    return [word.emptyNote("The firewall rules let no zone open connections to another.")];
  return [
    word.table(
      ["From", "To", "Services the rules permit", "Against the conduits", "Permitting rules"],
      permitted.map((c) => {
        const beyond = [...new Set(c.permitted.flatMap((p) => p.beyondConduit))];
        const rules = [...new Set(c.permitted.flatMap((p) => p.rules.map((r) => `${r.file}:${r.line}`)))];
        return [
          c.from,
          c.to,
          [...new Set(c.permitted.map((p) => (p.name ? `${p.service} (${p.name})` : p.service)))].join(", "),
          c.conduit === null
            ? "no conduit declared"
            : beyond.length
              ? `conduit ${c.conduit}; also permits ${beyond.join(", ")}`
              : `within conduit ${c.conduit}`,
          rules.slice(0, 4).join("\n") + (rules.length > 4 ? `\n+${rules.length - 4}` : ""),
        ];
      }),
      [12, 12, 30, 24, 22],
    ),
    word.sourceNote(
      "the firewall configurations in firewalls/, evaluated rule by rule; conduits from plant.yaml.",
    ),
  ];
}

export const reachabilitySection = {
  id: "reachability",
  title: "Zone reachability through the firewalls",
  newPage: false,
  html: reachabilityHtml,
  docx: reachabilityBlocks,
} satisfies ReportSectionEntry;
