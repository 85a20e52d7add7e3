/**
 * report.docx: the report as an editable Word document (consultants rewrite parts before they hand it over).
 * Same sections, numbering, tables and figures as report.html; figures are PNG images drawn by Chromium. Opens
 * in Word and LibreOffice.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  TableOfContents,
  TextRun,
} from "docx";
import { REPORT_SECTIONS } from "../sections/index.js";
import { INK, MUTED, NAVY } from "../view/palette.js";
import type { ReportView } from "../view/report-view.js";
import { heading, para, table } from "./blocks.js";
import type { Block, DocxContext } from "./context.js";

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
        ["Evidence", `${a.inputs.length} input files`],
        ["Assessment", a.id],
        ["Prepared with", `${a.tool.name} ${a.tool.version}`],
        ["Overall posture", v.posture.rating.toUpperCase()],
      ],
      [25, 75],
    ),
    para(""),
    para(
      "Confidential. This report describes weaknesses of an industrial control system and how to reach them; share it only with the people who must act on it.",
      { muted: true, size: 18 },
    ),
  ];
}

/**
 * A Word table of contents of the parts and their sections, on its own page. Its entries are written from the
 * headings, so it reads right before Word updates the field; Word adds the page numbers when it does.
 */
function contents(): Block[] {
  return [
    new Paragraph({
      pageBreakBefore: true,
      spacing: { after: 200 },
      children: [new TextRun({ text: "Contents", bold: true, color: hex(NAVY), size: 32 })],
    }),
    new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-2" }),
  ];
}

export async function reportDocx(v: ReportView, images: ReadonlyMap<string, Buffer>): Promise<Buffer> {
  let figures = 0;
  const ctx: DocxContext = { v, images, nextFigure: () => ++figures };
  const body: Block[] = [...cover(v), ...contents()];
  REPORT_SECTIONS.forEach((s, i) => {
    body.push(heading(`${i + 1}. ${s.title}`, 1, { pageBreak: s.newPage || i === 0 }));
    body.push(...s.docx(ctx));
  });
  const small = { size: 16, color: hex(MUTED) };
  const doc = new Document({
    creator: `${v.a.tool.name} ${v.a.tool.version}`,
    title: v.title,
    description: `IEC 62443 assessment ${v.a.id}`,
    styles: {
      default: { document: { run: { font: "Arial", size: 19, color: hex(INK) } } },
      paragraphStyles: [
        {
          id: "Heading1",
          name: "Heading 1",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { size: 32, bold: true, color: hex(NAVY) },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        {
          id: "Heading2",
          name: "Heading 2",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { size: 26, bold: true, color: hex(NAVY) },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
        {
          id: "Heading3",
          name: "Heading 3",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { size: 22, bold: true, color: hex(NAVY) },
          paragraph: { spacing: { before: 160, after: 60 } },
        },
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [
                  new TextRun({
                    text: `IEC 62443 security assessment: ${v.a.site} · Confidential`,
                    ...small,
                  }),
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES],
                    ...small,
                  }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
