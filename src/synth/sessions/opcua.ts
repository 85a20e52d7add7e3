/**
 * OPC UA binary sessions on TCP 4840. `secure`: Basic256Sha256 Sign&Encrypt, so only the OPN security
 * header is readable and every MSG body is ciphertext; otherwise policy None and mode None, every
 * service in the clear.
 */
import type { SynthHost } from "../network.js";
import * as ua from "../protocols/opcua.js";
import { TcpSession } from "../tcp-session.js";
import type { Emitted } from "../timeline.js";
import { ephemeralPort, MS, type SynthContext } from "./context.js";

export interface OpcUaOptions {
  client: SynthHost;
  server: SynthHost;
  endpoint: string;
  start: number;
  end: number;
  period: number;
  secure: boolean;
  nodes: readonly string[];
}

/** A DER X.509 certificate's outer SEQUENCE with opaque content of the usual size. */
function certificate(ctx: SynthContext): Uint8Array {
  const body = ctx.noise.take(ctx.rng, 1004);
  const cert = new Uint8Array(1008);
  cert.set([0x30, 0x82, 0x03, 0xec]);
  cert.set(body, 4);
  return cert;
}

export function* opcUaSession(ctx: SynthContext, o: OpcUaOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, 4840, o.start, {
    rtt: 300,
    retransmitRate: 0.001,
  });
  yield* tcp.open();
  yield* tcp.exchange(ua.hello(o.endpoint), ua.acknowledge(), 1 * MS, 3 * MS);
  const channelId = ctx.rng.between(1, 0xffff);
  const tokenId = ctx.rng.between(1, 0xffff);
  let sequence = ctx.rng.between(50, 5000);
  let requestId = 1;
  let handle = ctx.rng.between(1, 1000);
  if (o.secure) {
    const request = ua.openSecured(0, certificate(ctx), ctx.rng.bytes(20), ctx.noise.take(ctx.rng, 256));
    const response = ua.openSecured(
      channelId,
      certificate(ctx),
      ctx.rng.bytes(20),
      ctx.noise.take(ctx.rng, 256),
    );
    yield* tcp.exchange(request, response, 12 * MS, 2 * MS);
  } else {
    const open = {
      channelId: 0,
      sequence: sequence++,
      requestId,
      when: tcp.t,
      handle: handle++,
      nonce: null,
    };
    yield* tcp.exchange(
      ua.openRequestNone(open, ua.MODE_NONE),
      ua.openResponseNone({ ...open, channelId }, tokenId),
      2 * MS,
      2 * MS,
    );
  }
  for (let due = tcp.t + 200 * MS; due < o.end; due += o.period) {
    requestId++;
    const wait = Math.max(0, due - tcp.t);
    if (o.secure) {
      const size = 96 + 32 * o.nodes.length;
      yield* tcp.exchange(
        ua.messageSecured(channelId, tokenId, ctx.noise.take(ctx.rng, size)),
        ua.messageSecured(channelId, tokenId, ctx.noise.take(ctx.rng, size + 16 * o.nodes.length)),
        ctx.rng.between(1 * MS, 5 * MS),
        wait,
      );
    } else {
      const m = { channelId, tokenId, sequence: sequence++, requestId, when: tcp.t + wait, handle: handle++ };
      const values = o.nodes.map(() => ctx.rng.float() * 100);
      yield* tcp.exchange(
        ua.readRequest(m, o.nodes),
        ua.readResponse({ ...m, sequence: sequence++ }, values),
        ctx.rng.between(1 * MS, 5 * MS),
        wait,
      );
    }
  }
  yield* tcp.close();
}
