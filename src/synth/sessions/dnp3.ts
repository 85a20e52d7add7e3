/** DNP3 over TCP 20000: a master's class poll loop, with direct-operate controls at given times. */
import type { SynthHost } from "../network.js";
import * as dnp from "../protocols/dnp3.js";
import { TcpSession } from "../tcp-session.js";
import type { Emitted } from "../timeline.js";
import { ephemeralPort, MS, type SynthContext } from "./context.js";

export interface Dnp3PollOptions {
  master: SynthHost;
  outstation: SynthHost;
  masterAddress: number;
  outstationAddress: number;
  start: number;
  end: number;
  period: number;
  /** Times at which the master sends a direct operate (pulse on) to a relay output, unauthenticated. */
  controls: readonly { at: number; index: number }[];
}

export function* dnp3Poll(ctx: SynthContext, o: Dnp3PollOptions): Generator<Emitted> {
  const tcp = new TcpSession(
    ctx.net,
    ctx.rng,
    o.master,
    ephemeralPort(o.master),
    o.outstation,
    20000,
    o.start,
    {
      rtt: 800,
      retransmitRate: 0.002,
    },
  );
  yield* tcp.open();
  const toOutstation = (fragment: Uint8Array, seq: number) =>
    dnp.linkFrame(dnp.LINK_FROM_MASTER, o.outstationAddress, o.masterAddress, dnp.transport(seq, fragment));
  const toMaster = (fragment: Uint8Array, seq: number) =>
    dnp.linkFrame(
      dnp.LINK_FROM_OUTSTATION,
      o.masterAddress,
      o.outstationAddress,
      dnp.transport(seq, fragment),
    );
  let appSeq = ctx.rng.int(16);
  let masterTransport = ctx.rng.int(64);
  let outstationTransport = ctx.rng.int(64);
  const pending = [...o.controls].sort((a, b) => a.at - b.at);
  const level = () => 2000 + ctx.rng.between(-50, 50);
  for (let due = tcp.t + 100 * MS; due < o.end; due += o.period) {
    while (pending.length > 0 && pending[0].at <= due) {
      const c = pending.shift()!;
      appSeq = (appSeq + 1) & 0x0f;
      const code = 0x41; // pulse on, close
      yield* tcp.exchange(
        toOutstation(dnp.crobMessage(appSeq, dnp.FC_DIRECT_OPERATE, c.index, code, 1000), masterTransport++),
        toMaster(dnp.crobMessage(appSeq, dnp.FC_RESPONSE, c.index, code, 1000, 0), outstationTransport++),
        ctx.rng.between(10 * MS, 30 * MS),
        Math.max(0, c.at - tcp.t),
      );
    }
    appSeq = (appSeq + 1) & 0x0f;
    const binaries = [true, false, ctx.rng.chance(0.5), true, false, false, true, false];
    const analogs = [level(), ctx.rng.between(300, 420), ctx.rng.between(0, 100), ctx.rng.between(60, 75)];
    yield* tcp.exchange(
      toOutstation(dnp.readClassesRequest(appSeq), masterTransport++),
      toMaster(dnp.classResponse(appSeq, binaries, analogs), outstationTransport++),
      ctx.rng.between(5 * MS, 25 * MS),
      Math.max(0, due - tcp.t),
    );
  }
  yield* tcp.close();
}
