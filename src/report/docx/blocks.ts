/**
 * Building blocks of the Word document: headings, paragraphs, tables with a repeating navy head, figures as
 * PNG images, evidence references as internal links to the inputs appendix. Text sizes are in half-points.
 */
import {
  Bookmark,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { type Evidence, formatEvidence } from "../../model/evidence.js";
import type { Severity } from "../../model/finding.js";
import type { Figure } from "../figures/svg.js";
import { LINE, MUTED, NAVY, SEVERITY_COLOURS } from "../view/palette.js";

const hex = (colour: string): string => colour.replace("#", "").toUpperCase();

/** Width of the text area of an A4 page with 2 cm margins, in pixels at 96 dpi. */
export const TEXT_WIDTH_PX = 642;
const MAX_FIGURE_HEIGHT_PX = 860;

export type Cell = string | ParagraphChild[] | Paragraph[];

export function heading(
  text: string,
  level: 1 | 2 | 3,
  options: { pageBreak?: boolean; bookmark?: string } = {},
): Paragraph {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  const run = new TextRun(text);
  return new Paragraph({
    heading: levels[level],
    pageBreakBefore: options.pageBreak ?? false,
    keepNext: true,
    children: options.bookmark ? [new Bookmark({ id: options.bookmark, children: [run] })] : [run],
  });
}

export function para(
  children: string | ParagraphChild[],
  options: { italics?: boolean; muted?: boolean; size?: number } = {},
): Paragraph {
  const runs =
    typeof children === "string"
      ? [
          new TextRun({
            text: children,
            italics: options.italics ?? false,
            color: options.muted ? hex(MUTED) : undefined,
            size: options.size,
          }),
        ]
      : children;
  return new Paragraph({ children: runs, spacing: { after: 100 } });
}

export function bullet(children: string | ParagraphChild[]): Paragraph {
  return new Paragraph({
    children: typeof children === "string" ? [new TextRun(children)] : children,
    bullet: { level: 0 },
  });
}

/** A bold line that stays with what follows: the label of a table or list below a heading. */
export function label(text: string): Paragraph {
  return new Paragraph({ children: [bold(text)], keepNext: true, spacing: { before: 120, after: 60 } });
}

export function bold(text: string): TextRun {
  return new TextRun({ text, bold: true });
}

/** "Source: ..." under every table and figure. */
export function sourceNote(text: string): Paragraph {
  return new Paragraph({
    children: [
      new TextRun({ text: "Source: ", bold: true, size: 16, color: hex(MUTED) }),
      new TextRun({ text, size: 16, color: hex(MUTED) }),
    ],
    spacing: { before: 60, after: 200 },
  });
}

/** A section or part without data says so. */
export function emptyNote(text: string): Paragraph {
  return para(text, { italics: true, muted: true });
}

export function severityRun(s: Severity): TextRun {
  return new TextRun({
    text: ` ${s.toUpperCase()} `,
    bold: true,
    color: "FFFFFF",
    size: 14,
    shading: { type: ShadingType.CLEAR, color: "auto", fill: hex(SEVERITY_COLOURS[s]) },
  });
}

/** An evidence reference, linked to the input file's row in the appendix when the assessment lists the file. */
export function evidenceRuns(e: Evidence, anchorOf: (file: string) => string | null): ParagraphChild[] {
  const anchor = anchorOf(e.file);
  const label = new TextRun({
    text: formatEvidence(e),
    font: "Consolas",
    size: 16,
    color: anchor ? "1F6F9F" : undefined,
  });
  const link = anchor ? new InternalHyperlink({ anchor: bookmarkId(anchor), children: [label] }) : label;
  return e.note ? [link, new TextRun({ text: ` ${e.note}`, size: 16, color: hex(MUTED) })] : [link];
}

/** Word bookmark names: letters, digits and underscores, a letter first, at most 40 characters. */
export function bookmarkId(anchor: string): string {
  return `b_${anchor.replace(/[^A-Za-z0-9]+/g, "_")}`.slice(0, 40);
}

function cellParagraphs(cell: Cell, header: boolean): Paragraph[] {
  if (typeof cell === "string")
    return cell.split("\n").map(
      (line) =>
        new Paragraph({
          children: [
            new TextRun({ text: line, bold: header, color: header ? "FFFFFF" : undefined, size: 16 }),
          ],
        }),
    );
  if (cell.length > 0 && cell[0] instanceof Paragraph) return cell as Paragraph[];
  return [new Paragraph({ children: cell as ParagraphChild[] })];
}

/** A table; with an empty head, a plain grid of rows (the cover's facts). */
export function table(head: readonly string[], rows: readonly Cell[][], widths?: readonly number[]): Table {
  const total = widths?.reduce((s, w) => s + w, 0) ?? Math.max(head.length, rows[0]?.length ?? 1);
  const width = (i: number) => ({
    size: Math.round(((widths?.[i] ?? 1) / total) * 5000),
    type: WidthType.PERCENTAGE,
  });
  const border = { style: "single" as const, size: 4, color: hex(LINE) };
  const borders = { top: border, bottom: border, left: border, right: border };
  const margins = { top: 40, bottom: 40, left: 80, right: 80 };
  const headRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: head.map(
      (h, i) =>
        new TableCell({
          children: cellParagraphs(h, true),
          width: width(i),
          borders,
          margins,
          shading: { type: ShadingType.CLEAR, color: "auto", fill: hex(NAVY) },
        }),
    ),
  });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...(head.length === 0 ? [] : [headRow]),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            // A row shorter than the head has its last cell span the rest: one cell, a note under the row above it.
            children: r.map((c, i) => {
              const span = i === r.length - 1 && head.length > r.length ? head.length - i : 1;
              return new TableCell({
                children: cellParagraphs(c, false),
                width:
                  span === 1
                    ? width(i)
                    : {
                        size: Array.from({ length: span }, (_, k) => width(i + k).size).reduce(
                          (x, y) => x + y,
                          0,
                        ),
                        type: WidthType.PERCENTAGE,
                      },
                borders,
                margins,
                ...(span > 1 ? { columnSpan: span } : {}),
              });
            }),
          }),
      ),
    ],
  });
}

/** A figure as a PNG scaled to the text width, with its title and source; a note where no image was drawn. */
export function figureBlocks(
  f: Figure | null,
  images: ReadonlyMap<string, Buffer>,
  number: () => number,
): (Paragraph | Table)[] {
  if (!f) return [];
  const png = images.get(f.id);
  const caption = new Paragraph({
    children: [new TextRun({ text: `Figure ${number()}. ${f.title}.`, bold: true, size: 18 })],
    keepNext: true,
  });
  if (!png)
    return [
      caption,
      emptyNote(
        "The figure is not embedded: Chromium, which draws it, was not available when this document was written. It is in report.html.",
      ),
      sourceNote(f.source),
    ];
  const scale = Math.min(1, TEXT_WIDTH_PX / f.width, MAX_FIGURE_HEIGHT_PX / f.height);
  const image = new ImageRun({
    type: "png",
    data: png,
    transformation: { width: Math.round(f.width * scale), height: Math.round(f.height * scale) },
    altText: { name: f.id, title: f.title, description: f.title },
  });
  return [new Paragraph({ children: [image], keepNext: true }), caption, sourceNote(f.source)];
}
