/** The Word document's detail: findings, vulnerabilities, gaps, program, matrix, monitoring, inventory, traffic, inputs. */
import { Bookmark, Paragraph, TextRun } from "docx";
import { formatEvidence } from "../../model/evidence.js";
import { formatProblem } from "../../model/problem.js";
import { formatSl } from "../../model/security-level.js";
import { RESULTS } from "../../model/verdicts.js";
import { maturityName } from "../../standard/program.js";
import { findingAnchor, formatBytes } from "../sections/common.js";
import { ruleGroups, subjectOf } from "../sections/findings.js";
import { type GapCell, gapRows, shortRemedy } from "../sections/gaps.js";
import { zoneName } from "../sections/zones.js";
import {
  bold,
  bookmarkId,
  bullet,
  emptyNote,
  evidenceRuns,
  figureBlocks,
  para,
  severityRun,
  sourceNote,
  table,
} from "./blocks.js";
import type { Block, DocxContext } from "./context.js";

export function findingsBlocks({ v }: DocxContext): Block[] {
  const { a } = v;
  if (a.findings.length === 0) return [emptyNote("The automated checks raised no findings.")];
  const blocks: Block[] = [];
  for (const g of ruleGroups(a.findings)) {
    blocks.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 240 },
        children: [
          severityRun(g.severity),
          new TextRun({ text: ` ${g.title}`, bold: true }),
          new TextRun({
            text: `  ${g.rule} · ${g.findings.length} instance${g.findings.length === 1 ? "" : "s"}`,
            size: 16,
            color: "5B6472",
          }),
        ],
      }),
      new Paragraph({
        keepNext: true,
        children: [bold("IEC 62443: "), new TextRun(g.requirements.join(", ") || "—")],
      }),
      new Paragraph({
        keepNext: true,
        spacing: { after: 80 },
        children: [bold("Remediation: "), new TextRun(g.remediations.join(" "))],
      }),
      table(
        ["Instance", "What was found", "Where", "Evidence"],
        g.findings.map((f) => [
          [
            new Bookmark({
              id: bookmarkId(findingAnchor(f.id)),
              children: [new TextRun({ text: subjectOf(f), size: 16 })],
            }),
          ],
          f.summary,
          [
            f.zones.join(", ") || "plant-wide",
            f.assets.length ? `\n${f.assets.slice(0, 4).join(", ")}` : "",
          ].join(""),
          f.evidence
            .slice(0, 4)
            .flatMap((e, i) => [
              ...(i ? [new TextRun({ text: "; ", size: 16 })] : []),
              ...evidenceRuns(e, v.evidence.anchorOf),
            ]),
        ]),
        [18, 44, 16, 22],
      ),
    );
  }
  blocks.push(
    sourceNote(
      "each finding's evidence: capture file and frame, file and line, or answer; references link to the inputs appendix.",
    ),
  );
  return blocks;
}

export function vulnerabilitiesBlocks({ v }: DocxContext): Block[] {
  const r = v.a.vulnerabilities;
  if (!r)
    return [
      emptyNote(
        "No advisories, KEV catalogue or scanner reports were given, so no asset was checked for known vulnerabilities.",
      ),
    ];
  if (r.matches.length === 0)
    return [emptyNote(`No known vulnerability matched the ${r.assetsChecked} assets checked.`)];
  return [
    para(
      `${r.assetsChecked} assets checked; ${r.vulnerableAssets} affected; ${r.matches.filter((m) => m.kev).length} matches known to be exploited (CISA KEV).`,
    ),
    table(
      ["#", "Asset", "Advisory", "CVEs", "CVSS", "KEV", "Exposure", "Fix"],
      r.matches.map((m) => [
        String(m.priority),
        `${m.assetName}\n${m.asset}${m.zone ? ` · ${m.zone}` : ""}`,
        `${m.advisory}\n${m.title}`,
        m.cves.join("\n"),
        m.cvss ? m.cvss.score.toFixed(1) : "—",
        m.kev ? "yes" : "—",
        `${m.exposure.level}${m.confidence === "possibly-affected" ? "\n(possibly affected)" : ""}`,
        m.remediations
          .map(
            (x) =>
              `${x.category.replace(/_/g, " ")}: ${x.fixedVersion ? `update to ${x.fixedVersion}` : x.details}`,
          )
          .join("\n") || "none given",
      ]),
      [4, 15, 20, 13, 6, 5, 11, 26],
    ),
    sourceNote(
      `${r.sources.advisories} CSAF advisories${r.sources.kev ? `, CISA KEV ${r.sources.kev.version}` : ""}${r.sources.scans.map((s) => `, ${s.file}`).join("")}.`,
    ),
  ];
}

export function gapsBlocks({ v }: DocxContext): Block[] {
  const { a } = v;
  if (a.zones.every((z) => z.requirements.length === 0))
    return [emptyNote("No requirement was assessed in this run.")];
  const cell = (c: GapCell | undefined) =>
    c?.gap
      ? `${c.gap.result} (SL ${c.gap.neededFor})`
      : c?.result === "met"
        ? "met"
        : c?.result === "not-applicable"
          ? "n/a"
          : "·";
  const rows = gapRows(a.zones);
  const zoneWidth = Math.max(6, Math.floor(40 / Math.max(a.zones.length, 1)));
  return [
    table(
      ["Zone", "SL-T", "SL-A", ...RESULTS],
      a.zones.map((z) => [
        z.name,
        formatSl(z.slTarget),
        formatSl(z.slAchieved),
        ...RESULTS.map((r) => String(z.requirements.filter((q) => q.result === r).length)),
      ]),
    ),
    sourceNote("answers.yaml and the automated evidence, per zone."),
    ...(rows.length
      ? [
          table(
            ["Requirement", "Title", ...a.zones.map((z) => z.id), "Findings", "What to do"],
            rows.map((r) => [
              r.requirement,
              r.title,
              ...a.zones.map((z) => cell(r.cells.get(z.id))),
              r.findings.slice(0, 5).join("\n") +
                (r.findings.length > 5 ? `\nand ${r.findings.length - 5} more` : "") || "answers only",
              shortRemedy(r, 400),
            ]),
            [9, 14, ...a.zones.map(() => zoneWidth), 14, 30],
          ),
          sourceNote(
            "answers.yaml and the findings bearing on each requirement; a dot: not required at the zone's target level.",
          ),
        ]
      : [emptyNote("No requirement is known to be unmet in any zone.")]),
    ...a.zones.flatMap((z) => {
      const unknown = z.gaps.filter((g) => g.result === "unknown");
      return unknown.length
        ? [
            para(
              `${z.name}, still to assess (${unknown.length}): ${unknown.map((g) => g.requirement).join(", ")}.`,
              { muted: true, size: 16 },
            ),
          ]
        : [];
    }),
  ];
}

export function reachabilityBlocks({ v }: DocxContext): Block[] {
  const m = v.a.zoneMatrix;
  if (!m || m.interfaces.length === 0)
    return [
      emptyNote(
        "No firewall configuration was given, so what the rules let each zone reach was not computed.",
      ),
    ];
  const permitted = m.cells.filter((c) => c.status === "permitted");
  if (permitted.length === 0)
    return [emptyNote("The firewall rules let no zone open connections to another.")];
  return [
    table(
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
    sourceNote(
      "the firewall configurations in firewalls/, evaluated rule by rule; conduits from plant.yaml.",
    ),
  ];
}

export function programBlocks(ctx: DocxContext): Block[] {
  const { a } = ctx.v;
  if (a.program.length === 0) return [emptyNote("No program element was rated.")];
  return [
    ...figureBlocks(ctx.v.figures.maturity, ctx.images, ctx.nextFigure),
    table(
      ["Element", "Title", "Maturity", "Why"],
      a.program.map((p) => [
        p.element,
        p.title,
        p.maturity === null ? "not rated" : `${p.maturity} ${maturityName(p.maturity)}`,
        p.reasons.join("\n"),
      ]),
      [9, 28, 14, 49],
    ),
    sourceNote("maturity ratings in answers.yaml and the plant's records."),
  ];
}

export function matrixBlocks(ctx: DocxContext): Block[] {
  const { v } = ctx;
  if (!v.a.capture)
    return [emptyNote("No capture was given, so no communication between zones was observed.")];
  if (!v.figures.matrix) return [emptyNote("The captures hold no IP traffic between known addresses.")];
  return [
    ...figureBlocks(v.figures.matrix, ctx.images, ctx.nextFigure),
    table(
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
    sourceNote("the captures' flows placed in zones by the inventory's addresses."),
  ];
}

export function monitoringBlocks({ v }: DocxContext): Block[] {
  const m = v.monitoring;
  if (!m)
    return [
      emptyNote(
        "This plant is not monitored continuously (otaudit watch has not run), so there is no alert to report.",
      ),
    ];
  if (m.alerts.length === 0) return [emptyNote("No open alert: nothing departed from the baseline.")];
  return [
    table(
      ["#", "Severity", "Alert", "Count", "Status", "Evidence"],
      m.alerts.map((x) => [
        String(x.number),
        [severityRun(x.severity)],
        `${x.title}\n${x.summary}`,
        String(x.count),
        x.status,
        x.evidence.map(formatEvidence).join("\n"),
      ]),
      [5, 10, 45, 8, 12, 20],
    ),
    sourceNote("otaudit watch: departures from the learned baseline."),
  ];
}

export function assetsBlocks({ v }: DocxContext): Block[] {
  const { a } = v;
  if (a.assets.length === 0) return [emptyNote("The inventory is empty.")];
  return [
    table(
      ["Asset", "Role", "Zone", "Addresses", "Vendor / product", "Firmware", "Protocols", "Source"],
      a.assets.map((x) => [
        `${x.name}${x.name !== x.id ? `\n${x.id}` : ""}`,
        x.role,
        x.zone ?? "—",
        [...x.ips, ...x.macs].join("\n"),
        [x.vendor?.value, x.product?.value, x.model?.value].filter(Boolean).join(" "),
        x.firmware?.value ?? "",
        x.protocols.join(", "),
        x.declared ? "plant.yaml" : "network only",
      ]),
      [17, 10, 10, 16, 18, 9, 12, 8],
    ),
    sourceNote(
      "plant.yaml, the captures, scanner reports and inventory.csv; where each fact came from is in assets.csv and report.html.",
    ),
  ];
}

export function trafficBlocks({ v }: DocxContext): Block[] {
  const c = v.a.capture;
  if (!c) return [emptyNote("No capture was given, so nothing was observed on the network.")];
  return [
    para(
      `${c.stats.packets.toLocaleString("en-GB")} packets (${formatBytes(c.stats.bytes)}) in ${c.stats.files.length} files: ${c.flows.length} flows, ${c.operations.length} distinct operations, ${c.observations.length} security observations, ${c.anomalyCount} protocol anomalies.`,
    ),
    ...(c.observations.length
      ? [
          table(
            ["Observation", "Protocol", "Detail", "Frame"],
            c.observations.slice(0, 60).map((o) => [o.kind, o.protocol, o.detail, `${o.file}#${o.frame}`]),
            [18, 12, 50, 20],
          ),
          sourceNote("security observations the dissectors made on the wire."),
        ]
      : [emptyNote("The dissectors made no security observation.")]),
  ];
}

export function inputsBlocks({ v }: DocxContext): Block[] {
  const { a } = v;
  return [
    table(
      ["File", "Kind", "Size", "SHA-256"],
      a.inputs.map((i) => {
        const anchor = v.evidence.anchorOf(i.path);
        const name = new TextRun({ text: i.path, font: "Consolas", size: 16 });
        return [
          [anchor ? new Bookmark({ id: bookmarkId(anchor), children: [name] }) : name],
          i.kind,
          formatBytes(i.bytes),
          [new TextRun({ text: i.sha256, font: "Consolas", size: 14 })],
        ];
      }),
      [30, 10, 10, 50],
    ),
    sourceNote("the plant folder as read at the start of this assessment."),
    ...(a.problems.length
      ? [
          para([bold(`Input warnings (${a.problems.length})`)]),
          ...a.problems.map((p) => bullet(formatProblem(p))),
        ]
      : [emptyNote("Every input was read without warnings.")]),
    para(
      `Evidence references: file#N is frame N of a capture; file:N is line N of a file; answers.yaml zone/SR is an answer. Assessment ${a.id}, ${a.tool.name} ${a.tool.version}.`,
      { muted: true, size: 16 },
    ),
  ];
}
