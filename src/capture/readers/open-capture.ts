/** Opens a capture file of any supported format (pcap, pcapng, either gzip-compressed). */
import { type ByteSource, openByteSource } from "./byte-source.js";
import { type CaptureReader, CHUNK_SIZE } from "./capture-reader.js";
import { PcapReader, pcapMagic } from "./pcap.js";
import { isPcapng, PcapngReader } from "./pcapng.js";

/** A file that is not a capture at all (as opposed to a capture with damaged records, which gives warnings). */
export class CaptureFileError extends Error {
  override name = "CaptureFileError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/**
 * Opens `file` for reading; `displayPath` is how errors and the reader name it. Throws {@link CaptureFileError}
 * when the file cannot be read or is neither pcap nor pcapng.
 */
export async function openCapture(
  file: string,
  displayPath = file,
  chunkSize = CHUNK_SIZE,
): Promise<CaptureReader> {
  let source: ByteSource;
  try {
    source = await openByteSource(file);
  } catch (err) {
    throw new CaptureFileError(
      displayPath,
      (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message,
    );
  }
  const buf = new Uint8Array(chunkSize);
  let length = 0;
  try {
    // Fill the first chunk completely (or to the end of the file) so the header checks see whole headers.
    while (length < buf.length) {
      const n = await source.read(buf, length, buf.length - length);
      if (n === 0) break;
      length += n;
    }
  } catch (err) {
    await source.close();
    throw new CaptureFileError(displayPath, (err as Error).message);
  }
  const head = buf.subarray(0, length);
  if (pcapMagic(head)) return new PcapReader(source, displayPath, buf, length);
  if (isPcapng(head)) return new PcapngReader(source, displayPath, buf, length);
  await source.close();
  if (length === 0) {
    throw new CaptureFileError(displayPath, source.error ?? "empty file, not a capture");
  }
  const magic = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
  throw new CaptureFileError(
    displayPath,
    `not a pcap or pcapng capture (starts with ${magic}${source.compressed ? " after gzip decompression" : ""})`,
  );
}
