/** Feeds one capture file through an analyzer and returns the file's stats (format, link types, warnings, times). */
import type { CaptureWarning } from "../model/capture.js";
import type { Analyzer } from "./analyzer.js";
import { isDecodedLinkType, linkTypeName } from "./readers/link-types.js";
import { openCapture } from "./readers/open-capture.js";
import { RawPacket } from "./readers/raw-packet.js";
import { type FileStats, isoTime } from "./report.js";

export interface FileRead {
  stats: FileStats;
  /** Capture time (ms since the epoch) of the earliest and the latest packet; null for a file without packets. */
  firstPacketMs: number | null;
  lastPacketMs: number | null;
}

/**
 * Reads `file` (named `display` in the report) into `analyzer`; `onChunk` hears the bytes of the file read so
 * far after each chunk. Throws `CaptureFileError` when the file is not a capture at all.
 */
export async function readCaptureFile(
  analyzer: Analyzer,
  file: string,
  display: string,
  onChunk?: (fileBytesRead: number) => void,
): Promise<FileRead> {
  const reader = await openCapture(file, display);
  const raw = new RawPacket();
  analyzer.startFile(display);
  /** Link types not decoded, with the first frame of each. */
  const unsupported = new Map<number, number>();
  let linkType = -1;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  try {
    for (;;) {
      while (reader.next(raw)) {
        if (raw.tsMs < first) first = raw.tsMs;
        if (raw.tsMs > last) last = raw.tsMs;
        if (raw.linkType !== linkType) {
          linkType = raw.linkType;
          if (!isDecodedLinkType(linkType) && !unsupported.has(linkType))
            unsupported.set(linkType, raw.frame);
        }
        analyzer.packet(raw);
      }
      if (!(await reader.refill())) break;
      onChunk?.(reader.fileBytesRead);
    }
  } finally {
    await reader.close();
  }
  const warnings: CaptureWarning[] = [...reader.warnings];
  for (const [t, frame] of unsupported) {
    warnings.push({
      code: "not-modelled",
      message: `link type ${linkTypeName(t)} (${t}) is not decoded; its frames are only counted`,
      frame,
      offset: null,
    });
  }
  const packets = reader.frame > 0;
  return {
    stats: {
      path: display,
      format: reader.format,
      linkTypes: [...reader.linkTypes].map(linkTypeName),
      packets: reader.frame,
      warnings,
      firstPacket: packets ? isoTime(first) : null,
      lastPacket: packets ? isoTime(last) : null,
    },
    firstPacketMs: packets ? first : null,
    lastPacketMs: packets ? last : null,
  };
}
