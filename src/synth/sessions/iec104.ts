/**
 * IEC 60870-5-104 on TCP 2404: STARTDT, general interrogation, spontaneous measured values, S-frame
 * acknowledgements, TESTFR keep-alives, and single commands at given times.
 */
import type { SynthHost } from "../network.js";
import * as iec from "../protocols/iec104.js";
import { CLIENT, SERVER, TcpSession } from "../tcp-session.js";
import type { Emitted } from "../timeline.js";
import { ephemeralPort, MS, SECOND, type SynthContext } from "./context.js";

export interface Iec104Options {
  master: SynthHost;
  rtu: SynthHost;
  commonAddress: number;
  start: number;
  end: number;
  /** Mean interval between spontaneous measurements. */
  spontaneousEvery: number;
  commands: readonly { at: number; ioa: number; on: boolean }[];
}

export function* iec104Session(ctx: SynthContext, o: Iec104Options): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.master, ephemeralPort(o.master), o.rtu, 2404, o.start, {
    rtt: 1500,
    retransmitRate: 0.002,
  });
  yield* tcp.open();
  yield* tcp.exchange(iec.uFrame(iec.U_STARTDT_ACT), iec.uFrame(iec.U_STARTDT_CON), 5 * MS, 10 * MS);
  // Sequence numbers: what each side has sent (V(S)) and so acknowledges of the other (V(R)).
  let masterSent = 0;
  let rtuSent = 0;
  const ca = o.commonAddress;
  const points = [1001, 1002, 1003, 1004, 1005, 1006];
  const fromMaster = (asdu: Uint8Array) => iec.iFrame(masterSent++, rtuSent, asdu);
  const fromRtu = (asdu: Uint8Array) => iec.iFrame(rtuSent++, masterSent, asdu);
  const measurement = (cause: number) =>
    iec.asdu(
      iec.M_ME_NC_1,
      cause,
      ca,
      [points[ctx.rng.int(points.length)]].map((ioa) => ({
        ioa,
        element: iec.floatElement(2 + ctx.rng.float() * 3),
      })),
    );

  yield* tcp.send(CLIENT, fromMaster(iec.interrogation(iec.COT_ACTIVATION, ca)), 20 * MS);
  yield* tcp.send(SERVER, fromRtu(iec.interrogation(iec.COT_ACTIVATION_CON, ca)), 15 * MS);
  for (const ioa of points) {
    const element = iec.floatElement(1 + ctx.rng.float() * 6);
    yield* tcp.send(
      SERVER,
      fromRtu(iec.asdu(iec.M_ME_NC_1, iec.COT_INTERROGATED, ca, [{ ioa, element }])),
      2 * MS,
    );
  }
  yield* tcp.send(
    SERVER,
    fromRtu(
      iec.asdu(iec.M_SP_NA_1, iec.COT_INTERROGATED, ca, [
        { ioa: 2001, element: iec.singlePointElement(true) },
      ]),
    ),
    2 * MS,
  );
  yield* tcp.send(SERVER, fromRtu(iec.interrogation(iec.COT_ACTIVATION_TERM, ca)), 2 * MS);
  yield* tcp.send(CLIENT, iec.sFrame(rtuSent), 30 * MS);

  const pending = [...o.commands].sort((a, b) => a.at - b.at);
  let unacked = 0;
  let lastTest = tcp.t;
  while (tcp.t < o.end) {
    const next = tcp.t + Math.round(ctx.rng.exp(o.spontaneousEvery));
    if (pending.length > 0 && pending[0].at <= next) {
      const c = pending.shift()!;
      const element = iec.singleCommandElement(c.on, false);
      const command = (cause: number) => iec.asdu(iec.C_SC_NA_1, cause, ca, [{ ioa: c.ioa, element }]);
      yield* tcp.send(CLIENT, fromMaster(command(iec.COT_ACTIVATION)), Math.max(0, c.at - tcp.t));
      yield* tcp.send(SERVER, fromRtu(command(iec.COT_ACTIVATION_CON)), 40 * MS);
      yield* tcp.send(SERVER, fromRtu(command(iec.COT_ACTIVATION_TERM)), 300 * MS);
      yield* tcp.send(CLIENT, iec.sFrame(rtuSent), 20 * MS);
      unacked = 0;
      continue;
    }
    if (next - lastTest > 20 * SECOND) {
      yield* tcp.exchange(
        iec.uFrame(iec.U_TESTFR_ACT),
        iec.uFrame(iec.U_TESTFR_CON),
        5 * MS,
        Math.max(0, lastTest + 20 * SECOND - tcp.t),
      );
      lastTest = tcp.t;
      continue;
    }
    if (next >= o.end) break;
    yield* tcp.send(SERVER, fromRtu(measurement(iec.COT_SPONTANEOUS)), next - tcp.t);
    if (++unacked >= 8) {
      yield* tcp.send(CLIENT, iec.sFrame(rtuSent), 15 * MS);
      unacked = 0;
    } else {
      yield* tcp.ack(CLIENT, ctx.rng.between(200, 40 * MS));
    }
  }
  yield* tcp.close();
}
