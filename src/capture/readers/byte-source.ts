/**
 * Sequential bytes of a capture file, plain or gzip-compressed (detected by the 1f 8b magic), read into the
 * caller's buffer: nothing is loaded whole.
 */
import { createReadStream, type ReadStream, readSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { createGunzip, type Gunzip } from "node:zlib";

export interface ByteSource {
  /** Reads up to `len` bytes into `buf` at `off`; 0 means end of input. */
  read(buf: Uint8Array, off: number, len: number): Promise<number>;
  /** Bytes of the file on disk consumed so far (compressed bytes for gzip), for progress. */
  readonly fileBytesRead: number;
  /** Set when the input ended abnormally (a cut or corrupt gzip stream). */
  readonly error: string | null;
  readonly compressed: boolean;
  close(): Promise<void>;
}

/** Bytes read between two turns of the event loop, so a server or watcher stays responsive during a long file. */
const YIELD_EVERY = 32 << 20;

/**
 * A plain file, read synchronously straight into the caller's buffer. The kernel's own read-ahead overlaps disk
 * time with parsing on sequential reads, and a small caller buffer that stays in the CPU cache makes the copy
 * several times faster than a large one (see CHUNK_SIZE).
 */
class PlainSource implements ByteSource {
  fileBytesRead = 0;
  readonly error = null;
  readonly compressed = false;
  private sinceYield = 0;

  constructor(private readonly fh: FileHandle) {}

  async read(buf: Uint8Array, off: number, len: number): Promise<number> {
    const n = readSync(this.fh.fd, buf, off, len, this.fileBytesRead);
    this.fileBytesRead += n;
    this.sinceYield += n;
    if (this.sinceYield >= YIELD_EVERY) {
      this.sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return n;
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}

class GzipSource implements ByteSource {
  error: string | null = null;
  readonly compressed = true;
  private pending: Uint8Array | null = null;
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(
    private readonly file: ReadStream,
    private readonly gunzip: Gunzip,
  ) {
    file.pipe(gunzip);
    file.on("error", (err) => gunzip.destroy(err));
    this.chunks = gunzip[Symbol.asyncIterator]();
  }

  get fileBytesRead(): number {
    return this.file.bytesRead;
  }

  async read(buf: Uint8Array, off: number, len: number): Promise<number> {
    let n = 0;
    while (n < len) {
      if (this.pending === null) {
        if (this.error !== null) break;
        let next: IteratorResult<Buffer>;
        try {
          next = await this.chunks.next();
        } catch (err) {
          this.error = `gzip stream ${(err as Error).message}`;
          break;
        }
        if (next.done) break;
        this.pending = next.value;
      }
      const take = Math.min(len - n, this.pending.length);
      buf.set(this.pending.subarray(0, take), off + n);
      n += take;
      this.pending = take === this.pending.length ? null : this.pending.subarray(take);
    }
    return n;
  }

  async close(): Promise<void> {
    this.gunzip.destroy();
    this.file.destroy();
  }
}

/** Opens `path`, looking through gzip compression when the file starts with the gzip magic. */
export async function openByteSource(path: string): Promise<ByteSource> {
  const fh = await open(path, "r");
  const magic = new Uint8Array(2);
  const { bytesRead } = await fh.read(magic, 0, 2, 0);
  if (bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b) {
    await fh.close();
    return new GzipSource(
      createReadStream(path, { highWaterMark: 1 << 20 }),
      createGunzip({ chunkSize: 1 << 20 }),
    );
  }
  return new PlainSource(fh);
}
