/** S7comm-plus on TCP 102 (S7-1500 and HMIs): COTP connect, CreateObject session setup, then polled reads. */
import type { SynthHost } from "../network.js";
import * as plus from "../protocols/s7comm-plus.js";
import { cotpConnect, isoOnTcp, tpkt } from "../protocols/tpkt.js";
import { TcpSession } from "../tcp-session.js";
import type { Emitted } from "../timeline.js";
import { ephemeralPort, MS, type SynthContext } from "./context.js";

export interface S7PlusOptions {
  client: SynthHost;
  server: SynthHost;
  start: number;
  end: number;
  period: number;
}

export function* s7PlusSession(ctx: SynthContext, o: S7PlusOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, 102, o.start, {
    rtt: 400,
  });
  yield* tcp.open();
  const ref = ctx.rng.between(1, 0x7fff);
  // TIA Portal and HMIs address S7-1500 CPUs with the TSAP "SIMATIC-ROOT-HMI" style; 0x0600 is common.
  yield* tcp.exchange(
    tpkt(cotpConnect("request", 0, ref, 0x0600, 0x0600)),
    tpkt(cotpConnect("confirm", ref, 0x0010, 0x0600, 0x0600)),
    2 * MS,
    5 * MS,
  );
  let sequence = 1;
  const session = ctx.rng.next();
  const create = ctx.noise.take(ctx.rng, 180);
  yield* tcp.exchange(
    isoOnTcp(plus.s7plusFrame(1, plus.OPCODE_REQUEST, plus.FN_CREATE_OBJECT, sequence, 0x00000120, create)),
    isoOnTcp(
      plus.s7plusFrame(
        1,
        plus.OPCODE_RESPONSE,
        plus.FN_CREATE_OBJECT,
        sequence,
        session,
        ctx.noise.take(ctx.rng, 260),
      ),
    ),
    8 * MS,
    3 * MS,
  );
  for (let due = tcp.t + 200 * MS; due < o.end; due += o.period) {
    sequence = (sequence + 1) & 0xffff;
    yield* tcp.exchange(
      isoOnTcp(
        plus.s7plusFrame(
          3,
          plus.OPCODE_REQUEST,
          plus.FN_GET_MULTI_VARIABLES,
          sequence,
          session,
          ctx.noise.take(ctx.rng, 40),
          ctx.rng.bytes(32),
        ),
      ),
      isoOnTcp(
        plus.s7plusFrame(
          3,
          plus.OPCODE_RESPONSE,
          plus.FN_GET_MULTI_VARIABLES,
          sequence,
          session,
          ctx.noise.take(ctx.rng, 64),
          ctx.rng.bytes(32),
        ),
      ),
      ctx.rng.between(2 * MS, 6 * MS),
      Math.max(0, due - tcp.t),
    );
  }
  yield* tcp.close();
}
