/**
 * Small helpers shared by the hand-drawn figures. The figures are simple shapes (a radar, a grid, bars), so
 * they are drawn directly as SVG strings: no chart library to ship, nothing that needs a DOM or a canvas, and
 * the same markup goes inline into report.html and through Chromium into PNGs for the Word document.
 */
import { esc } from "../html-escape.js";

/** The font stack of the whole report; Chromium on Debian resolves Arial to Liberation Sans. */
export const FONT = `"Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif`;

/** A figure: inline SVG plus what the report prints around it. */
export interface Figure {
  id: string;
  title: string;
  svg: string;
  width: number;
  height: number;
  /** Where its data comes from, printed under it. */
  source: string;
}

/** Coordinates with at most one decimal keep the markup short. */
export const num = (x: number): string => String(Math.round(x * 10) / 10);

export function svgDocument(width: number, height: number, label: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img" aria-label="${esc(label)}" font-family='${FONT}' font-size="12">${body}</svg>`;
}

export interface TextOptions {
  size?: number;
  weight?: "normal" | "bold";
  anchor?: "start" | "middle" | "end";
  fill?: string;
  /** Vertical alignment of the line box: `middle` centres the text on y. */
  baseline?: "middle" | "auto";
}

export function svgText(x: number, y: number, content: string, o: TextOptions = {}): string {
  const attrs = [
    `x="${num(x)}"`,
    `y="${num(y)}"`,
    o.size ? `font-size="${o.size}"` : "",
    o.weight === "bold" ? `font-weight="bold"` : "",
    o.anchor && o.anchor !== "start" ? `text-anchor="${o.anchor}"` : "",
    o.fill ? `fill="${o.fill}"` : "",
    o.baseline === "middle" ? `dominant-baseline="central"` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return `<text ${attrs}>${esc(content)}</text>`;
}

/** Rough width of a text in the report font (average glyph width of Arial-like faces): for layout only. */
export function textWidth(content: string, size = 12): number {
  return content.length * size * 0.53;
}

/** Shortens a text to fit a width, with an ellipsis. */
export function fit(content: string, width: number, size = 12): string {
  const max = Math.floor(width / (size * 0.56));
  return content.length <= max ? content : `${content.slice(0, Math.max(max - 1, 1))}…`;
}
