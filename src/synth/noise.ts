/** A pool of seeded random bytes standing in for encrypted or compressed payloads, sliced without copying. */
import type { Prng } from "./prng.js";

export class NoisePool {
  private readonly pool: Uint8Array;

  constructor(rng: Prng, size = 1 << 21) {
    this.pool = rng.bytes(size);
  }

  /** `n` bytes from a random offset (a fresh copy only when `n` exceeds the pool). */
  take(rng: Prng, n: number): Uint8Array {
    if (n <= this.pool.length) {
      const start = rng.int(this.pool.length - n + 1);
      return this.pool.subarray(start, start + n);
    }
    const out = new Uint8Array(n);
    for (let o = 0; o < n; o += this.pool.length)
      out.set(this.pool.subarray(0, Math.min(this.pool.length, n - o)), o);
    return out;
  }
}
