/**
 * The frame every Word document otaudit writes shares: A4 with 2 cm margins, Arial, the navy headings, a running
 * header and "Page n of m" in the footer, and a contents page whose entries Word fills from the headings.
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
import { INK, MUTED, NAVY } from "../view/palette.js";
import type { Block } from "./context.js";

const hex = (c: string): string => c.replace("#", "").toUpperCase();

/** A table of contents of the headings of levels 1 and 2, on its own page. */
export function contentsBlocks(): Block[] {
  return [
    new Paragraph({
      pageBreakBefore: true,
      spacing: { after: 200 },
      children: [new TextRun({ text: "Contents", bold: true, color: hex(NAVY), size: 32 })],
    }),
    new TableOfContents("Contents", { hyperlink: true, headingStyleRange: "1-2" }),
  ];
}

export interface WordDocumentSpec {
  creator: string;
  title: string;
  description: string;
  /** The running header's text. */
  header: string;
  body: Block[];
}

export async function wordDocument(spec: WordDocumentSpec): Promise<Buffer> {
  const small = { size: 16, color: hex(MUTED) };
  const headingStyle = (level: 1 | 2 | 3, size: number, before: number, after: number) => ({
    id: `Heading${level}`,
    name: `Heading ${level}`,
    basedOn: "Normal",
    next: "Normal",
    quickFormat: true,
    run: { size, bold: true, color: hex(NAVY) },
    paragraph: { spacing: { before, after } },
  });
  const doc = new Document({
    creator: spec.creator,
    title: spec.title,
    description: spec.description,
    styles: {
      default: { document: { run: { font: "Arial", size: 19, color: hex(INK) } } },
      paragraphStyles: [
        headingStyle(1, 32, 240, 120),
        headingStyle(2, 26, 200, 80),
        headingStyle(3, 22, 160, 60),
      ],
    },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        headers: {
          default: new Header({
            children: [new Paragraph({ children: [new TextRun({ text: spec.header, ...small })] })],
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
        children: spec.body,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
