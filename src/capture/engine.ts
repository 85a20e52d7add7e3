/**
 * Passive capture analysis: reads pcap/pcapng files (plain or gzip, files or folders of rotated captures) and
 * returns what is on the network, how it talks and what it does, as the `CaptureReport` contract.
 */
import type { CaptureReport } from "../model/capture.js";
import { Analyzer } from "./analyzer.js";
import type { Dissector, LinkDissector } from "./dissector.js";
import { DISSECTORS, LINK_DISSECTORS } from "./protocols/index.js";
import { expandInputs } from "./readers/inputs.js";
import { isDecodedLinkType, linkTypeName } from "./readers/link-types.js";
import { openCapture } from "./readers/open-capture.js";
import { RawPacket } from "./readers/raw-packet.js";
import { buildReport, type FileStats } from "./report.js";

export { CaptureFileError } from "./readers/open-capture.js";

export interface AnalyzeOptions {
  /** Called as reading progresses (bytes of the files on disk). */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
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
  const inputs = expandInputs(paths);
  const totalBytes = inputs.reduce((n, i) => n + i.size, 0);
  const analyzer = new Analyzer(options.dissectors ?? DISSECTORS, options.linkDissectors ?? LINK_DISSECTORS);
  const raw = new RawPacket();
  const files: FileStats[] = [];
  const progress = options.onProgress;
  let doneBytes = 0;
  for (const input of inputs) {
    const reader = await openCapture(input.file, input.display);
    analyzer.startFile(input.display);
    const unsupported = new Set<number>();
    let linkType = -1;
    try {
      for (;;) {
        while (reader.next(raw)) {
          if (raw.linkType !== linkType) {
            linkType = raw.linkType;
            if (!isDecodedLinkType(linkType)) unsupported.add(linkType);
          }
          analyzer.packet(raw);
        }
        if (!(await reader.refill())) break;
        progress?.(doneBytes + reader.fileBytesRead, totalBytes);
      }
    } finally {
      await reader.close();
    }
    doneBytes += input.size;
    progress?.(doneBytes, totalBytes);
    const warnings = [...reader.warnings];
    for (const t of unsupported)
      warnings.push(
        `${input.display}: link type ${linkTypeName(t)} (${t}) is not decoded; its frames are only counted`,
      );
    files.push({
      path: input.display,
      format: reader.format,
      linkTypes: [...reader.linkTypes].map(linkTypeName),
      packets: reader.frame,
      warnings,
    });
  }
  analyzer.finish();
  return buildReport(analyzer, files);
}
