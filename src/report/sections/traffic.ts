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
    `${files}<h3>Industrial operations</h3>${operations}<h3>Security observations</h3>${observations}`,
    `${count(c.stats.packets)} packets (${formatBytes(c.stats.bytes)}) in ${c.stats.files.length} file${c.stats.files.length === 1 ? "" : "s"}: ${count(c.flows.length)} flows, ${count(c.operations.length)} distinct operations, ${c.observations.length} security observations, ${c.anomalyCount} protocol anomalies.`,
  );
}

function evidenceHtmlForFile(v: ReportView, path: string): string {
  const anchor = v.evidence.anchorOf(path);
  return anchor ? `<a href="#${anchor}"><code>${esc(path)}</code></a>` : `<code>${esc(path)}</code>`;
}

function trafficBlocks({ v }: DocxContext): Block[] {
  const c = v.a.capture;
  if (!c) return [word.emptyNote("No capture was given, so nothing was observed on the network.")];
  return [
    word.para(
      `${c.stats.packets.toLocaleString("en-GB")} packets (${formatBytes(c.stats.bytes)}) in ${c.stats.files.length} files: ${c.flows.length} flows, ${c.operations.length} distinct operations, ${c.observations.length} security observations, ${c.anomalyCount} protocol anomalies.`,
    ),
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
