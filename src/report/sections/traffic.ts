/** Observed traffic: the captures read, what ICS operations ran, and the security observations on the wire. */

import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { count, emptyNote, formatBytes, sectionHtml, tableHtml } from "./common.js";
import { evidenceHtml } from "./evidence-html.js";
import type { ReportSectionEntry } from "./section.js";

const OPERATION_ROWS = 40;
const OBSERVATION_ROWS = 60;

function trafficHtml(v: ReportView): string {
  const c = v.a.capture;
  if (!c)
    return sectionHtml(
      "traffic",
      "Observed traffic",
      emptyNote(
        "No capture was given (captures/*.pcap, *.pcapng), so nothing was observed on the network: the inventory and the findings rest on plant.yaml, scans and answers only.",
      ),
    );
  const files = tableHtml(
    ["File", "Format", "Link types", "Packets", "Warnings"],
    c.stats.files.map(
      (f) =>
        `<tr><td>${evidenceHtmlForFile(v, f.path)}</td><td>${esc(f.format)}</td><td>${esc(f.linkTypes.join(", "))}</td><td class="num">${count(f.packets)}</td><td class="small">${esc(f.warnings.map((w) => w.message).join("; ")) || "—"}</td></tr>`,
    ),
    "the capture files as read.",
  );
  const ops = new Map<
    string,
    {
      protocol: string;
      category: string;
      requests: number;
      exceptions: number;
      pairs: number;
      first: { file: string; frame: number };
    }
  >();
  for (const o of c.operations) {
    const key = `${o.protocol}\u0000${o.category}`;
    const acc = ops.get(key) ?? {
      protocol: o.protocol,
      category: o.category,
      requests: 0,
      exceptions: 0,
      pairs: 0,
      first: { file: o.file, frame: o.firstFrame },
    };
    acc.requests += o.count;
    acc.exceptions += o.exceptions;
    acc.pairs++;
    if (o.file === acc.first.file && o.firstFrame < acc.first.frame)
      acc.first = { file: o.file, frame: o.firstFrame };
    ops.set(key, acc);
  }
  const opRows = [...ops.values()]
    .sort((x, y) => y.requests - x.requests)
    .slice(0, OPERATION_ROWS)
    .map(
      (o) =>
        `<tr><td>${esc(o.protocol)}</td><td><span class="tag op-${esc(o.category)}">${esc(o.category)}</span></td><td class="num">${count(o.requests)}</td><td class="num">${count(o.exceptions)}</td><td class="num">${o.pairs}</td><td>${evidenceHtml({ kind: "frame", file: o.first.file, frame: o.first.frame }, v.evidence)}</td></tr>`,
    );
  const operations = opRows.length
    ? tableHtml(
        ["Protocol", "Operation", "Requests", "Exceptions", "Distinct operations", "First request"],
        opRows,
        `the ICS operations decoded from the captures (${count(c.operations.length)} distinct operations by client, server and function)${ops.size > OPERATION_ROWS ? `; the ${OPERATION_ROWS} busiest of ${ops.size} shown, all in assessment.json` : ""}.`,
      )
    : emptyNote("No industrial protocol operation was decoded from the captures.");
  const observations = c.observations.length
    ? tableHtml(
        ["Observation", "Protocol", "Detail", "Flow", "Frame"],
        c.observations
          .slice(0, OBSERVATION_ROWS)
          .map(
            (o) =>
              `<tr><td><span class="tag obs">${esc(o.kind)}</span></td><td>${esc(o.protocol)}</td><td>${esc(o.detail)}</td><td class="mono small">${esc(o.flow ?? "layer 2")}</td><td>${evidenceHtml({ kind: "frame", file: o.file, frame: o.frame }, v.evidence)}</td></tr>`,
          ),
        `security observations the dissectors made on the wire${c.observations.length > OBSERVATION_ROWS ? `; the first ${OBSERVATION_ROWS} of ${c.observations.length} shown, all in assessment.json` : ""}.`,
      )
    : emptyNote(
        "The dissectors made no security observation (no cleartext credentials, program downloads, remote access or insecure channels seen).",
      );
  return sectionHtml(
    "traffic",
    "Observed traffic",
    `${files}<h3>Capture coverage</h3>${coverageHtml(v)}<h3>Industrial operations</h3>${operations}<h3>Security observations</h3>${observations}`,
    `${count(c.stats.packets)} packets (${formatBytes(c.stats.bytes)}) in ${c.stats.files.length} file${c.stats.files.length === 1 ? "" : "s"}: ${count(c.flows.length)} flows, ${count(c.operations.length)} distinct operations, ${c.observations.length} security observations, ${c.anomalyCount} protocol anomalies.`,
  );
}

/** The span of a capture's packets: `2026-11-26 08:00:00 to 08:04:03 UTC`. */
function packetSpan(first: string | null, last: string | null): string {
  if (!first || !last) return "no packets";
  const [d1, t1] = [first.slice(0, 10), first.slice(11, 19)];
  const [d2, t2] = [last.slice(0, 10), last.slice(11, 19)];
  return d1 === d2 ? `${d1} ${t1} to ${t2} UTC` : `${d1} ${t1} to ${d2} ${t2} UTC`;
}

/** Which zones and conduits each capture saw, and what no capture saw. */
function coverageHtml(v: ReportView): string {
  const coverage = v.a.coverage;
  const view = v.coverage;
  if (!coverage || !view) return "";
  const stats = new Map(v.a.capture?.stats.files.map((f) => [f.path, f]) ?? []);
  const rows = coverage.captures.map((c) => {
    const f = stats.get(c.file);
    const saw = [...c.zones.map((z) => `zone ${z}`), ...c.conduits.map((k) => `conduit ${k}`)];
    const window = c.from || c.to ? `${c.from ?? "…"} to ${c.to ?? "…"}` : "—";
    return `<tr${c.declaredAt || !coverage.declared ? "" : ' class="flagged"'}><td>${evidenceHtmlForFile(v, c.file)}</td><td>${esc(c.method ?? "not declared")}</td><td class="small">${coverage.declared ? esc(saw.join(", ") || "nothing declared") : '<span class="muted">every zone (coverage not declared)</span>'}</td><td class="small">${esc(window)}</td><td class="small">${esc(f ? packetSpan(f.firstPacket, f.lastPacket) : "—")}</td><td class="small">${c.declaredAt ? evidenceHtml(c.declaredAt, v.evidence) : "—"}${c.description ? `<br>${esc(c.description)}` : ""}</td></tr>`;
  });
  const unseen = [
    ...view.unseenZones.map((z) => `zone ${z}`),
    ...view.unseenConduits.map((k) => `conduit ${k}`),
  ];
  const note = !coverage.declared
    ? `<p class="warn-note">plant.yaml does not declare which zones the captures saw (evidence.captures), so every capture is taken to see every zone: a zone without traffic may only not have been captured. Declare the capture points to tell the two apart.</p>`
    : unseen.length
      ? `<p class="warn-note">Not observed by any capture: ${esc(unseen.join(", "))}. No traffic there is no evidence of anything: the wire decides none of their requirements, either way.</p>`
      : `<p class="note">Every zone and conduit was observed by a capture.</p>`;
  return `${tableHtml(
    ["Capture", "Method", "Saw", "Declared window", "Packets", "Declared at"],
    rows,
    "plant.yaml's evidence.captures; the captures' packet times. A capture sees its zones (inside them and across their boundaries) and its conduits (what crosses them).",
  )}${note}`;
}

function evidenceHtmlForFile(v: ReportView, path: string): string {
  const anchor = v.evidence.anchorOf(path);
  return anchor ? `<a href="#${anchor}"><code>${esc(path)}</code></a>` : `<code>${esc(path)}</code>`;
}

function trafficBlocks({ v }: DocxContext): Block[] {
  const c = v.a.capture;
  if (!c) return [word.emptyNote("No capture was given, so nothing was observed on the network.")];
  const coverage = v.a.coverage;
  const unseen = v.coverage
    ? [
        ...v.coverage.unseenZones.map((z) => `zone ${z}`),
        ...v.coverage.unseenConduits.map((k) => `conduit ${k}`),
      ]
    : [];
  return [
    word.para(
      `${c.stats.packets.toLocaleString("en-GB")} packets (${formatBytes(c.stats.bytes)}) in ${c.stats.files.length} files: ${c.flows.length} flows, ${c.operations.length} distinct operations, ${c.observations.length} security observations, ${c.anomalyCount} protocol anomalies.`,
    ),
    ...(coverage
      ? [
          word.table(
            ["Capture", "Method", "Saw", "Packets"],
            coverage.captures.map((x) => {
              const f = c.stats.files.find((s) => s.path === x.file);
              return [
                x.file,
                x.method ?? "not declared",
                coverage.declared
                  ? [...x.zones.map((z) => `zone ${z}`), ...x.conduits.map((k) => `conduit ${k}`)].join(
                      ", ",
                    ) || "nothing declared"
                  : "every zone (coverage not declared)",
                f ? packetSpan(f.firstPacket, f.lastPacket) : "—",
              ];
            }),
            [30, 12, 34, 24],
          ),
          word.sourceNote("plant.yaml's evidence.captures; the captures' packet times."),
          word.para(
            !coverage.declared
              ? "plant.yaml does not declare which zones the captures saw: every capture is taken to see every zone, so a zone without traffic may only not have been captured."
              : unseen.length
                ? `Not observed by any capture: ${unseen.join(", ")}; the wire decides none of their requirements.`
                : "Every zone and conduit was observed by a capture.",
            { muted: true, size: 16 },
          ),
        ]
      : []),
    ...(c.observations.length
      ? [
          word.table(
            ["Observation", "Protocol", "Detail", "Frame"],
            c.observations.slice(0, 60).map((o) => [o.kind, o.protocol, o.detail, `${o.file}#${o.frame}`]),
            [18, 12, 50, 20],
          ),
          word.sourceNote("security observations the dissectors made on the wire."),
        ]
      : [word.emptyNote("The dissectors made no security observation.")]),
  ];
}

export const trafficSection = {
  id: "traffic",
  title: "Observed traffic",
  newPage: false,
  html: trafficHtml,
  docx: trafficBlocks,
} satisfies ReportSectionEntry;
