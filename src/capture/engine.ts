/**
 * Passive capture analysis: reads pcap/pcapng files (plain or gzip, files or folders of rotated captures) and
 * returns what is on the network, how it talks and what it does, as the `CaptureReport` contract.
 */
import type { CaptureReport } from "../model/capture.js";
import { Analyzer } from "./analyzer.js";
import type { Dissector, LinkDissector } from "./dissector.js";
import type { SiteLayout } from "./inventory/layout.js";
import { DISSECTORS, LINK_DISSECTORS } from "./protocols/index.js";
import { readCaptureFile } from "./read-file.js";
import { expandInputs } from "./readers/inputs.js";
import { buildReport, type FileStats } from "./report.js";

export { CaptureFileError } from "./readers/open-capture.js";

export interface AnalyzeOptions {
  /** Called as reading progresses (bytes of the files on disk). */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** How the report names a file (default: the path as given), e.g. relative to the plant folder. */
  displayName?: (file: string) => string;
  /**
   * What the site declares of its devices' addresses (`siteLayout` of the plant and its firewall configurations):
   * a MAC it gives a router, or that holds a router's address, carries the addresses behind it, which become assets
   * of their own. Without it the inventory goes by the wire alone.
   */
  layout?: SiteLayout;
  /** The dissector tables (the registered ones unless a test narrows them). */
  dissectors?: readonly Dissector<unknown>[];
  linkDissectors?: readonly LinkDissector[];
}

/**
 * Analyses `paths` (capture files or folders, read in the order given, folder contents in natural name order).
 * Throws `CaptureFileError` naming the file when one is missing or not a capture at all; a capture with damaged
 * or cut records yields its readable packets and warnings in its file stats.
 */
export async function analyzeCaptures(paths: string[], options: AnalyzeOptions = {}): Promise<CaptureReport> {
  const inputs = expandInputs(paths).map((i) =>
    options.displayName ? { ...i, display: options.displayName(i.file) } : i,
  );
  const totalBytes = inputs.reduce((n, i) => n + i.size, 0);
  const analyzer = new Analyzer(options.dissectors ?? DISSECTORS, options.linkDissectors ?? LINK_DISSECTORS);
  const files: FileStats[] = [];
  const progress = options.onProgress;
  let doneBytes = 0;
  for (const input of inputs) {
    const read = await readCaptureFile(
      analyzer,
      input.file,
      input.display,
      progress && ((n) => progress(doneBytes + n, totalBytes)),
    );
    files.push(read.stats);
    doneBytes += input.size;
    progress?.(doneBytes, totalBytes);
  }
  analyzer.finish();
  return buildReport(analyzer, files, options.layout);
}
