/** Modbus/TCP sessions: a SCADA poll loop, and a short session that writes registers. */

import type { SynthHost } from "../network.js";
import * as mb from "../protocols/modbus.js";
import { CLIENT, TcpSession } from "../tcp-session.js";
import type { Emitted } from "../timeline.js";
import { ephemeralPort, MS, type SynthContext } from "./context.js";

export interface ModbusRead {
  fc: typeof mb.FC_READ_COILS | typeof mb.FC_READ_HOLDING | typeof mb.FC_READ_INPUT;
  address: number;
  quantity: number;
}

export interface ModbusPollOptions {
  client: SynthHost;
  server: SynthHost;
  unit: number;
  start: number;
  end: number;
  period: number;
  reads: readonly ModbusRead[];
  /** Read Device Identification (43/14) at connect, answered with these objects. */
  identity?: { vendor: string; product: string; revision: string };
  /** A read of an unmapped address answered with exception 2 every this many cycles (0: never). */
  badReadEvery?: number;
}

function readResponse(ctx: SynthContext, r: ModbusRead): Uint8Array {
  if (r.fc === mb.FC_READ_COILS) {
    const bits: boolean[] = [];
    for (let i = 0; i < r.quantity; i++) bits.push(ctx.rng.chance(0.4));
    return mb.readCoilsResponse(bits);
  }
  const values: number[] = [];
  for (let i = 0; i < r.quantity; i++) values.push(ctx.rng.between(0, 4000));
  return mb.readRegistersResponse(r.fc, values);
}

export function* modbusPoll(ctx: SynthContext, o: ModbusPollOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, 502, o.start, {
    rtt: 350,
    retransmitRate: 0.001,
  });
  yield* tcp.open();
  let transaction = ctx.rng.between(1, 500);
  const next = () => (transaction = (transaction + 1) & 0xffff);
  if (o.identity) {
    const { vendor, product, revision } = o.identity;
    const id = next();
    yield* tcp.exchange(
      mb.mbap(id, o.unit, mb.deviceIdRequest()),
      mb.mbap(id, o.unit, mb.deviceIdResponse(vendor, product, revision)),
      3 * MS,
      20 * MS,
    );
  }
  let cycle = 0;
  for (let due = tcp.t + 50 * MS; due < o.end; due += o.period) {
    cycle++;
    let first = true;
    for (const r of o.reads) {
      const id = next();
      const wait = first ? Math.max(0, due - tcp.t) : ctx.rng.between(1 * MS, 4 * MS);
      first = false;
      yield* tcp.exchange(
        mb.mbap(id, o.unit, mb.readRequest(r.fc, r.address, r.quantity)),
        mb.mbap(id, o.unit, readResponse(ctx, r)),
        ctx.rng.between(800, 6000),
        wait,
      );
    }
    if (o.badReadEvery && cycle % o.badReadEvery === 0) {
      const id = next();
      yield* tcp.exchange(
        mb.mbap(id, o.unit, mb.readRequest(mb.FC_READ_HOLDING, 9000, 4)),
        mb.mbap(id, o.unit, mb.exception(mb.FC_READ_HOLDING, 2)),
        ctx.rng.between(800, 3000),
        ctx.rng.between(1 * MS, 4 * MS),
      );
    }
  }
  yield* tcp.close();
}

export interface ModbusWriteOptions {
  client: SynthHost;
  server: SynthHost;
  unit: number;
  start: number;
  /** Single-register writes (FC 6) then one block write (FC 16). */
  singles: readonly [number, number][];
  block: { address: number; values: readonly number[] };
}

/** A person's tool connecting, reading the current value, writing set points, and leaving. */
export function* modbusWrite(ctx: SynthContext, o: ModbusWriteOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, 502, o.start, {
    rtt: 900,
  });
  yield* tcp.open();
  let id = 1;
  const first = o.singles[0]?.[0] ?? o.block.address;
  yield* tcp.exchange(
    mb.mbap(id, o.unit, mb.readRequest(mb.FC_READ_HOLDING, first, 2)),
    mb.mbap(id, o.unit, mb.readRegistersResponse(mb.FC_READ_HOLDING, [ctx.rng.between(0, 900), 0])),
    2 * MS,
    30 * MS,
  );
  for (const [address, value] of o.singles) {
    id++;
    const pdu = mb.writeSingleRegister(address, value);
    yield* tcp.exchange(
      mb.mbap(id, o.unit, pdu),
      mb.mbap(id, o.unit, pdu),
      3 * MS,
      ctx.rng.between(800 * MS, 2500 * MS),
    );
  }
  id++;
  yield* tcp.exchange(
    mb.mbap(id, o.unit, mb.writeMultipleRequest(o.block.address, o.block.values)),
    mb.mbap(id, o.unit, mb.writeMultipleResponse(o.block.address, o.block.values.length)),
    4 * MS,
    ctx.rng.between(1000 * MS, 3000 * MS),
  );
  yield* tcp.close(CLIENT, 400 * MS);
}
