/**
 * Sequential bytes of a capture file, plain or gzip-compressed (detected by the 1f 8b magic), read into the
 * caller's buffer: nothing is loaded whole.
 */
import { createReadStream, type ReadStream } from "node:fs";
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

/**
 * A plain file, read ahead: while the caller works on one chunk the next is already being read (the read runs
 * on libuv's thread pool), so disk time overlaps parsing.
 */
class PlainSource implements ByteSource {
  fileBytesRead = 0;
  readonly error = null;
  readonly compressed = false;
  private position = 0;
  private ahead: Uint8Array | null = null;
  private aheadStart = 0;
  private aheadEnd = 0;
  private pending: Promise<number> | null = null;

  constructor(private readonly fh: FileHandle) {}

  async read(buf: Uint8Array, off: number, len: number): Promise<number> {
    if (this.aheadStart === this.aheadEnd) {
      if (this.pending === null) this.fetch(len);
      const n = await this.pending!;
      this.pending = null;
      this.aheadStart = 0;
      this.aheadEnd = n;
      if (n === 0) return 0;
    }
    const n = Math.min(len, this.aheadEnd - this.aheadStart);
    buf.set(this.ahead!.subarray(this.aheadStart, this.aheadStart + n), off);
    this.aheadStart += n;
    this.fileBytesRead += n;
    if (this.aheadStart === this.aheadEnd) this.fetch(this.ahead!.length);
    return n;
  }

  /** Starts reading the next `size` bytes into the read-ahead buffer. */
  private fetch(size: number): void {
    if (this.ahead === null || this.ahead.length < size) this.ahead = new Uint8Array(size);
    const at = this.position;
    this.pending = this.fh.read(this.ahead, 0, size, at).then(({ bytesRead }) => {
      this.position = at + bytesRead;
      return bytesRead;
    });
  }

  async close(): Promise<void> {
    // A read still in flight must finish before its file handle closes.
    await this.pending?.catch(() => 0);
    await this.fh.close();
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
