/** BACnet/IP on UDP 47808: Who-Is / I-Am discovery and a client reading present values periodically. */
import type { SynthHost } from "../network.js";
import * as bac from "../protocols/bacnet.js";
import type { Emitted } from "../timeline.js";
import { MS, type SynthContext, udp, udpBroadcast } from "./context.js";

export interface BacnetOptions {
  client: SynthHost;
  device: SynthHost;
  /** Directed broadcast address of the device's subnet: Who-Is reaches it through the router's BBMD. */
  broadcastIp: number;
  instance: number;
  vendorId: number;
  start: number;
  end: number;
  period: number;
  objects: readonly { type: number; instance: number }[];
}

const PORT = 47808;

export function* bacnetSession(ctx: SynthContext, o: BacnetOptions): Generator<Emitted> {
  let t = o.start;
  // The device answers a Who-Is with a broadcast I-Am on its own segment.
  yield udp(ctx, t, o.client, PORT, o.device, PORT, bac.whoIs());
  t += ctx.rng.between(5 * MS, 40 * MS);
  yield udpBroadcast(
    ctx,
    t,
    o.device,
    o.device.ip,
    o.broadcastIp,
    PORT,
    PORT,
    bac.iAm(o.instance, o.vendorId),
  );
  let invoke = ctx.rng.int(256);
  t += 200 * MS;
  const name = bac.stringValue(`BMS-CHEM-STORE-${o.instance}`);
  invoke = (invoke + 1) & 0xff;
  yield udp(
    ctx,
    t,
    o.client,
    PORT,
    o.device,
    PORT,
    bac.readPropertyRequest(invoke, bac.OBJECT_DEVICE, o.instance, bac.PROP_OBJECT_NAME),
  );
  t += ctx.rng.between(8 * MS, 30 * MS);
  yield udp(
    ctx,
    t,
    o.device,
    PORT,
    o.client,
    PORT,
    bac.readPropertyAck(invoke, bac.OBJECT_DEVICE, o.instance, bac.PROP_OBJECT_NAME, name),
  );
  for (let due = t + o.period; due < o.end; due += o.period) {
    t = due;
    for (const obj of o.objects) {
      invoke = (invoke + 1) & 0xff;
      const value =
        obj.type === bac.OBJECT_BINARY_INPUT
          ? bac.enumeratedValue(ctx.rng.int(2))
          : bac.realValue(15 + ctx.rng.float() * 10);
      yield udp(
        ctx,
        t,
        o.client,
        PORT,
        o.device,
        PORT,
        bac.readPropertyRequest(invoke, obj.type, obj.instance, bac.PROP_PRESENT_VALUE),
      );
      t += ctx.rng.between(5 * MS, 25 * MS);
      yield udp(
        ctx,
        t,
        o.device,
        PORT,
        o.client,
        PORT,
        bac.readPropertyAck(invoke, obj.type, obj.instance, bac.PROP_PRESENT_VALUE, value),
      );
      t += ctx.rng.between(2 * MS, 10 * MS);
    }
  }
}
