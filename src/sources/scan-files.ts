/** A scanner report of any supported kind, told apart by its root element, not by its file name. */
import type { InputProblem } from "../model/problem.js";
import type { ScanReport } from "../model/vulnerability.js";
import { append } from "./append.js";
import { readNessus } from "./nessus.js";
import { readNmap } from "./nmap.js";
import { readOpenvas } from "./openvas.js";
import { type ScanResult, xmlProblem } from "./scan-result.js";
import { rootElement } from "./xml-stream.js";

/** Notes kept beside the reports (a README) are not reports and not problems. */
const NOT_REPORTS = /\.(md|txt)$/i;

export async function readScanFile(path: string, file: string): Promise<ScanResult> {
  if (NOT_REPORTS.test(path)) return { report: null, problems: [] };
  const head = await rootElement(path);
  if ("unreadable" in head)
    return {
      report: null,
      problems: [xmlProblem(file, 0, 0, "unreadable", `cannot be read: ${head.unreadable}`)],
    };
  const root = head.name;
  switch (root) {
    case "nmaprun":
      return readNmap(path, file);
    case "NessusClientData_v2":
      return readNessus(path, file);
    case "report":
    case "get_reports_response":
      return readOpenvas(path, file);
    default:
      return {
        report: null,
        problems: [
          xmlProblem(
            file,
            0,
            0,
            "unsupported-format",
            "not an nmap, Nessus v2 or OpenVAS/GVM XML report; skipped",
            root ? "warning" : "error",
          ),
        ],
      };
  }
}

export async function readScanFiles(
  files: readonly { absolute: string; display: string }[],
): Promise<{ scans: ScanReport[]; problems: InputProblem[] }> {
  const scans: ScanReport[] = [];
  const problems: InputProblem[] = [];
  for (const f of files) {
    const { report, problems: p } = await readScanFile(f.absolute, f.display);
    append(problems, p);
    if (report) scans.push(report);
  }
  return { scans, problems };
}
