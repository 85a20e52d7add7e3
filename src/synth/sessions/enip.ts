/**
 * EtherNet/IP sessions: a SCADA client registering a session, reading the controller's identity, opening
 * a class 3 connection and polling tags with unconnected Read Tag.
 */
import type { SynthHost } from "../network.js";
import * as enip from "../protocols/enip.js";
import { TcpSession } from "../tcp-session.js";
import type { Emitted } from "../timeline.js";
import { ephemeralPort, MS, type SynthContext } from "./context.js";

export interface EnipPollOptions {
  client: SynthHost;
  server: SynthHost;
  start: number;
  end: number;
  period: number;
  identity: enip.EnipIdentity;
  tags: readonly { name: string; type: number }[];
  /** A Write Tag of this tag every `writeEvery` cycles (0: never). */
  writeTag?: { name: string; type: number; every: number };
}

export function* enipPoll(ctx: SynthContext, o: EnipPollOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, 44818, o.start, {
    rtt: 400,
    retransmitRate: 0.001,
  });
  yield* tcp.open();
  const context = () => ctx.rng.bytes(8);
  let ctx8 = context();
  yield* tcp.exchange(
    enip.encapsulation(enip.CMD_LIST_IDENTITY, 0, ctx8, new Uint8Array(0)),
    enip.encapsulation(enip.CMD_LIST_IDENTITY, 0, ctx8, enip.listIdentityReplyData(o.identity)),
    2 * MS,
    5 * MS,
  );
  ctx8 = context();
  const session = ctx.rng.next() || 1;
  yield* tcp.exchange(
    enip.encapsulation(enip.CMD_REGISTER_SESSION, 0, ctx8, enip.registerSessionData()),
    enip.encapsulation(enip.CMD_REGISTER_SESSION, session, ctx8, enip.registerSessionData()),
    2 * MS,
    3 * MS,
  );
  const fo: enip.ForwardOpen = {
    otConnectionId: ctx.rng.next(),
    toConnectionId: ctx.rng.next(),
    serial: ctx.rng.int(0x10000),
    vendorId: 1,
    originatorSerial: ctx.rng.next(),
    rpiUs: 2_000_000,
  };
  const rr = (cip: Uint8Array) =>
    enip.encapsulation(enip.CMD_SEND_RR_DATA, session, ctx8, enip.sendRRData(cip));
  yield* tcp.exchange(rr(enip.forwardOpenRequest(fo)), rr(enip.forwardOpenReply(fo)), 4 * MS, 3 * MS);
  let cycle = 0;
  for (let due = tcp.t + 100 * MS; due < o.end; due += o.period) {
    cycle++;
    let first = true;
    for (const tag of o.tags) {
      ctx8 = context();
      const value = tag.type === enip.CIP_REAL ? 10 + ctx.rng.float() * 5 : ctx.rng.between(0, 1000);
      yield* tcp.exchange(
        rr(enip.readTagRequest(tag.name)),
        rr(enip.readTagReply(tag.type, value)),
        ctx.rng.between(1 * MS, 4 * MS),
        first ? Math.max(0, due - tcp.t) : ctx.rng.between(1 * MS, 3 * MS),
      );
      first = false;
    }
    if (o.writeTag && cycle % o.writeTag.every === 0) {
      ctx8 = context();
      yield* tcp.exchange(
        rr(
          enip.writeTagRequest(o.writeTag.name, o.writeTag.type, o.writeTag.type === enip.CIP_REAL ? 2.5 : 1),
        ),
        rr(enip.writeTagReply()),
        3 * MS,
        5 * MS,
      );
    }
  }
  yield* tcp.close();
}
