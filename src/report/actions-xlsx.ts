/**
 * actions.xlsx: the remediation plan as a spreadsheet the plant fills in. One row per action, ranked as in the
 * report, with owner, due date and status left blank (status offers a fixed list), then the findings behind
 * the actions, and a sheet that says where the plan comes from.
 */
import ExcelJS from "exceljs";
import { dispositionWords } from "../model/dispositions.js";
import { formatEvidence } from "../model/evidence.js";
import type { Severity } from "../model/finding.js";
import { NAVY, SEVERITY_COLOURS } from "./view/palette.js";
import type { ReportView } from "./view/report-view.js";

export const ACTION_STATUSES = ["Not started", "In progress", "Done", "Risk accepted"] as const;

const argb = (hex: string): string => `FF${hex.replace("#", "").toUpperCase()}`;

function headerRow(sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(1);
  row.font = { bold: true, color: { argb: "FFFFFFFF" } };
  row.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(NAVY) } };
  row.alignment = { vertical: "middle", wrapText: true };
  row.height = 30;
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
}

/**
 * Row height for wrapped text: Excel and LibreOffice do not grow rows on opening a file, so estimate the lines
 * of the fullest cell (characters per line from the column width) and set the height.
 */
function fitRowHeight(sheet: ExcelJS.Worksheet, row: ExcelJS.Row): void {
  let lines = 1;
  row.eachCell((cell, column) => {
    const width = sheet.getColumn(column).width ?? 10;
    const text = String(cell.value ?? "");
    const wrapped = text
      .split("\n")
      .reduce((n, part) => n + Math.max(1, Math.ceil((part.length * 1.1) / width)), 0);
    lines = Math.max(lines, wrapped);
  });
  row.height = Math.min(15 * lines + 3, 409);
}

/** Landscape, one page wide, the head row repeated on every page. */
function printSetup(sheet: ExcelJS.Worksheet): void {
  sheet.pageSetup = {
    orientation: "landscape",
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: "1:1",
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = { oddFooter: "&L&A&RPage &P of &N" };
}

function severityCell(cell: ExcelJS.Cell, severity: Severity): void {
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(SEVERITY_COLOURS[severity]) } };
  cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
}

export async function actionsXlsx(v: ReportView): Promise<Buffer> {
  const { a } = v;
  const book = new ExcelJS.Workbook();
  book.creator = `${a.tool.name} ${a.tool.version}`;
  book.title = `Remediation plan: ${a.site}`;
  book.created = new Date(a.finishedAt);

  const plan = book.addWorksheet("Remediation plan");
  plan.columns = [
    { header: "#", key: "rank", width: 5 },
    { header: "Action", key: "title", width: 42 },
    { header: "What to do", key: "action", width: 70 },
    { header: "Findings", key: "findings", width: 34 },
    { header: "Severity", key: "severity", width: 10 },
    { header: "Zones", key: "zones", width: 18 },
    { header: "Requirements (IEC 62443)", key: "requirements", width: 20 },
    { header: "Assets", key: "assets", width: 24 },
    { header: "Why ranked here", key: "basis", width: 30 },
    { header: "Owner", key: "owner", width: 18 },
    { header: "Due date", key: "due", width: 12 },
    { header: "Status", key: "status", width: 14 },
    { header: "Notes", key: "notes", width: 30 },
  ];
  for (const [i, x] of v.actions.entries()) {
    const row = plan.addRow({
      rank: i + 1,
      title: x.title,
      action: x.action,
      findings: x.findings.join("\n"),
      severity: x.severity,
      zones: x.zones.join(", "),
      requirements: x.requirements.join(", "),
      assets: x.assets.join(", "),
      basis: x.basis,
    });
    row.alignment = { vertical: "top", wrapText: true };
    severityCell(row.getCell("severity"), x.severity);
    fitRowHeight(plan, row);
    row.getCell("due").numFmt = "yyyy-mm-dd";
    row.getCell("due").dataValidation = {
      type: "date",
      operator: "greaterThan",
      allowBlank: true,
      formulae: [new Date("2000-01-01")],
      showErrorMessage: true,
      error: "Enter a date",
    };
    row.getCell("status").dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [`"${ACTION_STATUSES.join(",")}"`],
    };
  }
  headerRow(plan);
  printSetup(plan);

  const findings = book.addWorksheet("Findings");
  findings.columns = [
    { header: "Finding", key: "id", width: 34 },
    { header: "Severity", key: "severity", width: 10 },
    { header: "Title", key: "title", width: 40 },
    { header: "Summary", key: "summary", width: 70 },
    { header: "Zones", key: "zones", width: 18 },
    { header: "Assets", key: "assets", width: 22 },
    { header: "Requirements", key: "requirements", width: 18 },
    { header: "Evidence", key: "evidence", width: 40 },
    { header: "Action", key: "action", width: 8 },
    { header: "Disposition", key: "disposition", width: 50 },
  ];
  const actionOf = new Map(v.actions.flatMap((x, i) => x.findings.map((f) => [f, i + 1] as const)));
  for (const f of a.findings) {
    const row = findings.addRow({
      id: f.id,
      severity: f.severity,
      title: f.title,
      summary: f.summary,
      zones: f.zones.join(", "),
      assets: f.assets.join(", "),
      requirements: f.requirements.join(", "),
      evidence: f.evidence.map(formatEvidence).join("\n"),
      action: actionOf.get(f.id) ?? "",
      // Why a finding has no action: dismissed or accepted (dispositions.yaml); the others' word too.
      disposition: f.disposition ? dispositionWords(f.disposition) : "",
    });
    row.alignment = { vertical: "top", wrapText: true };
    severityCell(row.getCell("severity"), f.severity);
    fitRowHeight(findings, row);
  }
  headerRow(findings);
  printSetup(findings);

  const about = book.addWorksheet("About");
  about.columns = [{ width: 22 }, { width: 100 }];
  const facts: [string, string][] = [
    ["Plant", a.site],
    ["Assessment", a.id],
    ["Assessed", `${a.finishedAt.slice(0, 16).replace("T", " ")} UTC`],
    ["Prepared with", `${a.tool.name} ${a.tool.version}`],
    ["Actions", String(v.actions.length)],
    [
      "Ranking",
      v.risks
        ? "By the residual risk each action would remove (its share of every risk above the tolerable line whose missing countermeasures it supplies), then by severity."
        : "By the most severe finding each action settles, then by how many findings, assets and zones it settles, then by zone criticality.",
    ],
    [
      "Left out",
      "Findings dismissed as false positives, and those whose risk is accepted until a date, in dispositions.yaml: the Findings sheet gives each its disposition and no action.",
    ],
    [
      "Owner, due date, status",
      `Left blank for the plant to fill in. Status: ${ACTION_STATUSES.join(", ")}.`,
    ],
    [
      "Evidence",
      "Each finding's evidence (capture file and frame, file and line, or answer) is in the Findings sheet and in report.html.",
    ],
  ];
  for (const [k, val] of facts) {
    const row = about.addRow([k, val]);
    row.getCell(1).font = { bold: true };
    row.alignment = { vertical: "top", wrapText: true };
    fitRowHeight(about, row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
