/**
 * report.docx: the report as an editable Word document (consultants rewrite parts before they hand it over).
 * Same sections, numbering, tables and figures as report.html; figures are PNG images drawn by Chromium. Opens
 * in Word and LibreOffice.
 */
import { Paragraph, TextRun } from "docx";
import { unapprovedBlocks } from "../sections/design.js";
import { REPORT_SECTIONS } from "../sections/index.js";
import { sucWords } from "../view/design.js";
import { NAVY } from "../view/palette.js";
import type { ReportView } from "../view/report-view.js";
import { heading, para, table } from "./blocks.js";
import type { Block, DocxContext } from "./context.js";
import { contentsBlocks, wordDocument } from "./word-document.js";

const hex = (c: string): string => c.replace("#", "").toUpperCase();

function cover(v: ReportView): Block[] {
  const { a } = v;
  return [
    new Paragraph({
      spacing: { before: 2400 },
      children: [
        new TextRun({ text: "IEC 62443 SECURITY ASSESSMENT", bold: true, color: hex(NAVY), size: 22 }),
      ],
    }),
    new Paragraph({
      spacing: { after: 400 },
      children: [new TextRun({ text: a.site, bold: true, color: hex(NAVY), size: 56 })],
    }),
    table(
      [],
      [
        ["Assessed", `${a.finishedAt.slice(0, 16).replace("T", " ")} UTC`],
        ["Scope", `${a.zones.length} zones, ${a.conduits.length} conduits, ${a.assets.length} assets`],
        ["System under consideration", sucWords(v)],
        ["Evidence", `${a.inputs.length} input files`],
        ["Assessment", a.id],
        ["Prepared with", `${a.tool.name} ${a.tool.version}`],
        ["Overall posture", v.posture.rating.toUpperCase()],
      ],
      [25, 75],
    ),
    para(""),
    ...unapprovedBlocks(v.design),
    para(
      "Confidential. This report describes weaknesses of an industrial control system and how to reach them; share it only with the people who must act on it.",
      { muted: true, size: 18 },
    ),
  ];
}

export async function reportDocx(v: ReportView, images: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  let figures = 0;
  const ctx: DocxContext = { v, images, nextFigure: () => ++figures };
  const body: Block[] = [...cover(v), ...contentsBlocks()];
  REPORT_SECTIONS.forEach((s, i) => {
    body.push(heading(`${i + 1}. ${s.title}`, 1, { pageBreak: s.newPage || i === 0 }));
    body.push(...s.docx(ctx));
  });
  return wordDocument({
    creator: `${v.a.tool.name} ${v.a.tool.version}`,
    title: v.title,
    description: `IEC 62443 assessment ${v.a.id}`,
    header: `IEC 62443 security assessment: ${v.a.site} · Confidential`,
    body,
  });
}
