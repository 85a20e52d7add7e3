/**
 * A seeded pseudo-random generator (sfc32 seeded through splitmix32). The capture generator never uses
 * Math.random or the clock, so the same seed always yields the same bytes.
 */

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [next, (z ^ (z >>> 16)) >>> 0];
}

/** FNV-1a over the label from the given basis; two bases give 64 bits, so sibling forks do not collide. */
function hashLabel(label: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(
    private readonly seed: number,
    /** Path of fork labels from the root: a fork's stream depends on where it was forked. */
    private readonly label = "",
  ) {
    const words: number[] = [];
    for (const basis of [0x811c9dc5, 0x050c5d1f]) {
      let s = (hashLabel(label, basis) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
      for (let i = 0; i < 2; i++) {
        const [next, out] = splitmix32(s);
        s = next;
        words.push(out);
      }
    }
    [this.a, this.b, this.c, this.d] = words;
    // sfc32 needs a few rounds before its output is well mixed.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** An independent stream for one activity; the label must be unique among siblings. */
  fork(label: string): Prng {
    return new Prng(this.seed, `${this.label}/${label}`);
  }

  /** Uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi], both included. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Exponentially distributed value with the given mean (inter-arrival times). */
  exp(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /** `value` scattered by up to ±fraction (timing jitter). */
  jitter(value: number, fraction: number): number {
    return Math.round(value * (1 + (this.float() * 2 - 1) * fraction));
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.next();
      out[i] = v;
      if (i + 1 < n) out[i + 1] = v >>> 8;
      if (i + 2 < n) out[i + 2] = v >>> 16;
      if (i + 3 < n) out[i + 3] = v >>> 24;
    }
    return out;
  }
}
