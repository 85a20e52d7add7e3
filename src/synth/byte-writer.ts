/** A small growable byte builder for PDUs (big-endian unless the method name says `le`). */
export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity = 128) {
    this.buf = new Uint8Array(capacity);
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }

  u8(v: number): this {
    this.room(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.room(2);
    this.buf[this.length++] = (v >>> 8) & 0xff;
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  u16le(v: number): this {
    this.room(2);
    this.buf[this.length++] = v & 0xff;
    this.buf[this.length++] = (v >>> 8) & 0xff;
    return this;
  }

  u24(v: number): this {
    return this.u8(v >>> 16).u16(v & 0xffff);
  }

  u24le(v: number): this {
    return this.u16le(v & 0xffff).u8(v >>> 16);
  }

  u32(v: number): this {
    return this.u16(v >>> 16).u16(v & 0xffff);
  }

  u32le(v: number): this {
    return this.u16le(v & 0xffff).u16le(v >>> 16);
  }

  /** 64-bit little-endian from a non-negative safe integer. */
  u64le(v: number): this {
    return this.u32le(v % 4294967296).u32le(Math.floor(v / 4294967296));
  }

  u64leBig(v: bigint): this {
    return this.u32le(Number(v & 0xffffffffn)).u32le(Number((v >> 32n) & 0xffffffffn));
  }

  i32le(v: number): this {
    return this.u32le(v >>> 0);
  }

  f32(v: number): this {
    this.room(4);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat32(this.length, v, false);
    this.length += 4;
    return this;
  }

  f32le(v: number): this {
    this.room(4);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat32(this.length, v, true);
    this.length += 4;
    return this;
  }

  f64le(v: number): this {
    this.room(8);
    new DataView(this.buf.buffer, this.buf.byteOffset).setFloat64(this.length, v, true);
    this.length += 8;
    return this;
  }

  ascii(s: string): this {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.length++] = s.charCodeAt(i) & 0xff;
    return this;
  }

  raw(b: Uint8Array | readonly number[]): this {
    this.room(b.length);
    if (b instanceof Uint8Array) this.buf.set(b, this.length);
    else for (let i = 0; i < b.length; i++) this.buf[this.length + i] = b[i];
    this.length += b.length;
    return this;
  }

  zeros(n: number): this {
    this.room(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
    return this;
  }

  /** Overwrites a big-endian u16 already written (length fields known only at the end). */
  setU16(at: number, v: number): this {
    this.buf[at] = (v >>> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
    return this;
  }

  /** The bytes written so far, as a fresh array. */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export const ascii = (s: string): Uint8Array => new ByteWriter(s.length).ascii(s).bytes();
