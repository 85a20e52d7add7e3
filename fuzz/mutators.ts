/**
 * Byte-level mutation, as libFuzzer and AFL's havoc stage do it: a few operators stacked on one corpus input,
 * sometimes spliced with another. Text formats get line operations and digit runs changed to edge values;
 * binary ones get 8/16/32-bit fields set to boundary values. Every result is at most `maxLen` bytes.
 */
import type { Prng } from "../src/synth/prng.js";

/** Values at the edges of signed and unsigned fields, the ones length and count checks get wrong. */
const INTERESTING_8 = [0, 1, 0x7f, 0x80, 0xff, 0x10, 0x20, 0x40, 0x64, 0xfe];
const INTERESTING_16 = [0, 0x80, 0xff, 0x100, 0x200, 0x3e8, 0x400, 0x1000, 0x7fff, 0x8000, 0xfffe, 0xffff];
const INTERESTING_32 = [0, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x01000000];
/** Replacements for a run of digits in text. */
const INTERESTING_NUMBERS = [
  "0",
  "-1",
  "1",
  "65535",
  "65536",
  "4294967295",
  "4294967296",
  "99999999999999999999",
  "-2147483649",
  "1e309",
  "NaN",
  "0.5",
  "256",
  "32",
  "33",
  "128",
];

export interface MutatorOptions {
  maxLen: number;
  dictionary: readonly Uint8Array[];
}

type Op = (d: Uint8Array, rng: Prng, other: Uint8Array) => Uint8Array;

const cat = (...parts: Uint8Array[]): Uint8Array => {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** A [start, end) range of `d`, biased to short ones. */
function range(d: Uint8Array, rng: Prng): [number, number] {
  const start = rng.int(d.length);
  const max = d.length - start;
  const len = 1 + (rng.chance(0.7) ? rng.int(Math.min(max, 16)) : rng.int(max));
  return [start, start + len];
}

function setWord(d: Uint8Array, at: number, value: number, size: number, bigEndian: boolean): void {
  for (let i = 0; i < size; i++) {
    const shift = 8 * (bigEndian ? size - 1 - i : i);
    d[at + i] = (value / 2 ** shift) & 0xff;
  }
}

/** Offsets of the starts of lines (0 and after every \n). */
function lineStarts(d: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < d.length; i++) if (d[i] === 0x0a && i + 1 < d.length) starts.push(i + 1);
  return starts;
}

function lineAt(d: Uint8Array, rng: Prng): [number, number] {
  const starts = lineStarts(d);
  const i = rng.int(starts.length);
  return [starts[i]!, i + 1 < starts.length ? starts[i + 1]! : d.length];
}

const OPS: Record<string, Op> = {
  flipBit(d, rng) {
    const out = d.slice();
    out[rng.int(out.length)]! ^= 1 << rng.int(8);
    return out;
  },
  randomByte(d, rng) {
    const out = d.slice();
    out[rng.int(out.length)] = rng.int(256);
    return out;
  },
  arithmetic(d, rng) {
    const out = d.slice();
    const at = rng.int(out.length);
    out[at] = (out[at]! + (rng.chance(0.5) ? 1 : -1) * (1 + rng.int(35))) & 0xff;
    return out;
  },
  interesting(d, rng) {
    const out = d.slice();
    const size = rng.pick([1, 2, 4]);
    if (out.length < size) return out;
    const at = rng.int(out.length - size + 1);
    const values = size === 1 ? INTERESTING_8 : size === 2 ? INTERESTING_16 : INTERESTING_32;
    setWord(out, at, rng.pick(values), size, rng.chance(0.5));
    return out;
  },
  insertBytes(d, rng) {
    const at = rng.int(d.length + 1);
    const n = 1 + rng.int(rng.chance(0.8) ? 8 : 128);
    const fill = rng.chance(0.5)
      ? new Uint8Array(n).fill(rng.pick([0, 0xff, 0x20, 0x41, d[at] ?? 0]))
      : rng.bytes(n);
    return cat(d.subarray(0, at), fill, d.subarray(at));
  },
  erase(d, rng) {
    const [a, b] = range(d, rng);
    return cat(d.subarray(0, a), d.subarray(b));
  },
  duplicate(d, rng) {
    const [a, b] = range(d, rng);
    const at = rng.int(d.length + 1);
    return cat(d.subarray(0, at), d.slice(a, b), d.subarray(at));
  },
  copyOver(d, rng) {
    const [a, b] = range(d, rng);
    const out = d.slice();
    const to = rng.int(out.length);
    out.set(d.subarray(a, Math.min(b, a + out.length - to)), to);
    return out;
  },
  shuffle(d, rng) {
    const out = d.slice();
    const [a, b] = range(d, rng);
    for (let i = b - 1; i > a; i--) {
      const j = a + rng.int(i - a + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  },
  splice(d, rng, other) {
    if (other.length === 0) return d;
    if (rng.chance(0.5)) {
      // Head of one, tail of the other.
      return cat(d.subarray(0, rng.int(d.length + 1)), other.subarray(rng.int(other.length)));
    }
    const [a, b] = range(other, rng);
    const at = rng.int(d.length + 1);
    return cat(d.subarray(0, at), other.subarray(a, b), d.subarray(at));
  },
  digits(d, rng) {
    // A run of ASCII digits somewhere after a random point, changed to an edge value.
    const from = rng.int(d.length);
    let i = from;
    while (i < d.length && (d[i]! < 0x30 || d[i]! > 0x39)) i++;
    if (i === d.length) return d;
    let j = i;
    while (j < d.length && d[j]! >= 0x30 && d[j]! <= 0x39) j++;
    const text = rng.chance(0.7) ? rng.pick(INTERESTING_NUMBERS) : String(rng.int(1 << rng.int(31)));
    return cat(d.subarray(0, i), new TextEncoder().encode(text), d.subarray(j));
  },
  lineDelete(d, rng) {
    const [a, b] = lineAt(d, rng);
    return cat(d.subarray(0, a), d.subarray(b));
  },
  lineDuplicate(d, rng) {
    const [a, b] = lineAt(d, rng);
    const [at] = lineAt(d, rng);
    const line = d.slice(a, b);
    return cat(
      d.subarray(0, at),
      line,
      line.at(-1) === 0x0a ? new Uint8Array(0) : Uint8Array.of(0x0a),
      d.subarray(at),
    );
  },
  lineSwap(d, rng) {
    const [a, b] = lineAt(d, rng);
    const [c, e] = lineAt(d, rng);
    if (a === c || b > c) return d;
    return cat(d.subarray(0, a), d.subarray(c, e), d.subarray(b, c), d.subarray(a, b), d.subarray(e));
  },
  lineFromOther(d, rng, other) {
    if (other.length === 0) return d;
    const [a, b] = lineAt(other, rng);
    const [at] = lineAt(d, rng);
    return cat(d.subarray(0, at), other.subarray(a, b), d.subarray(at));
  },
};

const NAMES = Object.keys(OPS);

export class Mutator {
  constructor(
    private readonly rng: Prng,
    private readonly options: MutatorOptions,
  ) {}

  /**
   * One to eight operators stacked on `input`; `other` is another corpus input for splicing. Dictionary tokens
   * are inserted or written over as one more operator.
   */
  mutate(input: Uint8Array, other: Uint8Array): Uint8Array {
    const { rng } = this;
    let d = input;
    const stack = 1 << rng.int(4);
    for (let i = 0; i < stack; i++) {
      if (d.length === 0) {
        d =
          rng.chance(0.5) && this.options.dictionary.length > 0
            ? rng.pick(this.options.dictionary)
            : rng.bytes(1 + rng.int(8));
        continue;
      }
      if (this.options.dictionary.length > 0 && rng.chance(0.2)) d = this.word(d);
      else d = OPS[rng.pick(NAMES)]!(d, rng, other);
    }
    return d.length > this.options.maxLen ? d.slice(0, this.options.maxLen) : d;
  }

  private word(d: Uint8Array): Uint8Array {
    const { rng } = this;
    const word = rng.pick(this.options.dictionary);
    // At a line start half the time: keywords of line-based formats start lines.
    const at = rng.chance(0.5) ? lineAt(d, rng)[0] : rng.int(d.length + 1);
    if (rng.chance(0.6)) return cat(d.subarray(0, at), word, d.subarray(at));
    const out = d.slice();
    out.set(word.subarray(0, Math.max(0, out.length - at)), Math.min(at, out.length));
    return out;
  }
}
