/** What every session script needs: the network, its own random stream, payload noise and the timeline. */
import { udpFrame } from "../frames.js";
import type { Network, SynthHost } from "../network.js";
import type { NoisePool } from "../noise.js";
import type { Prng } from "../prng.js";
import type { Emitted, Timeline } from "../timeline.js";

export interface SynthContext {
  readonly net: Network;
  readonly rng: Prng;
  readonly noise: NoisePool;
  readonly timeline: Timeline;
}

/** The same context with a random stream of its own, so sessions never perturb each other. */
export function forked(ctx: SynthContext, label: string): SynthContext {
  return { ...ctx, rng: ctx.rng.fork(label) };
}

export const SECOND = 1_000_000;
export const MS = 1_000;

export function ephemeralPort(h: SynthHost): number {
  const port = h.nextPort;
  const base = h.ttl === 128 ? 49152 : 32768;
  h.nextPort = port >= 65000 ? base : port + 1;
  return port;
}

/** One UDP datagram from `src` to `dst` at time `at`. */
export function udp(
  ctx: SynthContext,
  at: number,
  src: SynthHost,
  sport: number,
  dst: SynthHost,
  dport: number,
  payload: Uint8Array,
): Emitted {
  const frame = udpFrame(
    ctx.net.link(src, dst),
    { src: src.ip, dst: dst.ip, ttl: ctx.net.ttlOf(src), id: src.ipId, df: false },
    sport,
    dport,
    payload,
  );
  src.ipId = (src.ipId + 1) & 0xffff;
  return { at: Math.round(at), frame };
}

/** A UDP datagram to a broadcast address on the sender's segment. */
export function udpBroadcast(
  ctx: SynthContext,
  at: number,
  src: SynthHost,
  srcIp: number,
  dstIp: number,
  sport: number,
  dport: number,
  payload: Uint8Array,
): Emitted {
  const frame = udpFrame(
    ctx.net.local(src, BROADCAST),
    { src: srcIp, dst: dstIp, ttl: src.ttl, id: src.ipId, df: false },
    sport,
    dport,
    payload,
  );
  src.ipId = (src.ipId + 1) & 0xffff;
  return { at: Math.round(at), frame };
}

const BROADCAST = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
