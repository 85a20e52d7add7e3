/**
 * report.docx: the report as an editable Word document (consultants rewrite parts before they hand it over).
 * Same sections, numbering, tables and figures as report.html; figures are PNG images drawn by Chromium. Opens
 * in Word and LibreOffice.
 */
import { ImageRun, Paragraph, TextRun } from "docx";
import { unapprovedBlocks } from "../sections/design.js";
import { REPORT_SECTIONS } from "../sections/index.js";
import { sucWords } from "../view/design.js";
import { notStated } from "../view/front-matter.js";
import { NAVY } from "../view/palette.js";
import type { ReportView } from "../view/report-view.js";
import { heading, para, table } from "./blocks.js";
import type { Block, DocxContext } from "./context.js";
import { contentsBlocks, wordDocument } from "./word-document.js";

const hex = (c: string): string => c.replace("#", "").toUpperCase();

/** Width and height of a PNG, from its IHDR chunk; null when the bytes are no PNG. */
function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || png.readUInt32BE(12) !== 0x49484452) return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The assessor's logo and name at the top of the cover; nothing when plant.yaml gives neither. */
function assessorBlocks(v: ReportView): Block[] {
  const e = v.front.engagement;
  const png = v.front.logo?.png;
  const size = png ? pngSize(png) : null;
  const children = [];
  if (png && size) {
    const height = 56;
    children.push(
      new ImageRun({
        type: "png",
        data: png,
        transformation: { width: Math.round((size.width / size.height) * height), height },
        altText: { name: "logo", title: `${e?.assessor ?? "assessor"} logo`, description: "logo" },
      }),
    );
  }
  if (e?.assessor)
    children.push(
      new TextRun({
        text: `${children.length ? "   " : ""}${e.assessor}`,
        bold: true,
        color: hex(NAVY),
        size: 28,
      }),
    );
  return children.length ? [new Paragraph({ spacing: { before: 1200 }, children })] : [];
}

function cover(v: ReportView): Block[] {
  const { a } = v;
  const f = v.front;
  const e = f.engagement;
  const assessor = assessorBlocks(v);
  return [
    ...assessor,
    new Paragraph({
      spacing: { before: assessor.length ? 1200 : 2400 },
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
        ["Prepared for", e?.client ?? notStated("client")],
        ["Prepared by", e?.assessor ?? notStated("assessor")],
        ["Report date", `${f.date(f.reportDate)}${e?.version ? ` · version ${e.version}` : ""}`],
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
    para([
      new TextRun({ text: "Classification: ", bold: true, size: 18 }),
      new TextRun({ text: f.classification, size: 18 }),
    ]),
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
    header: `IEC 62443 security assessment: ${v.a.site} · ${v.front.engagement?.classification ?? "Confidential"}`,
    body,
  });
}
