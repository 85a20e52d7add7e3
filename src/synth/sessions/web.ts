/** HTTP and HTTPS sessions: a cleartext request/response, and TLS sessions that carry bulk transfers. */
import type { SynthHost } from "../network.js";
import * as tls from "../protocols/tls.js";
import { CLIENT, SERVER, TcpSession, type TcpTuning } from "../tcp-session.js";
import type { Emitted } from "../timeline.js";
import { ephemeralPort, MS, type SynthContext } from "./context.js";

export interface HttpOptions {
  client: SynthHost;
  server: SynthHost;
  port: number;
  start: number;
  exchanges: readonly { request: Uint8Array; response: Uint8Array; think: number }[];
}

export function* httpSession(ctx: SynthContext, o: HttpOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, o.port, o.start, {
    rtt: 600,
  });
  yield* tcp.open();
  for (const x of o.exchanges) {
    yield* tcp.send(CLIENT, x.request, x.think);
    yield* tcp.send(SERVER, x.response, ctx.rng.between(2 * MS, 30 * MS));
    yield* tcp.ack(CLIENT, ctx.rng.between(100, 2 * MS));
  }
  yield* tcp.close(CLIENT, 50 * MS);
}

export interface TlsHandshake {
  sni: string;
  /** Bytes of the server's encrypted flight (EncryptedExtensions, Certificate, CertificateVerify, Finished). */
  serverFlight: number;
}

/** ClientHello, ServerHello + CCS + encrypted flight, client CCS + Finished. */
export function* tlsHandshake(ctx: SynthContext, tcp: TcpSession, h: TlsHandshake): Generator<Emitted> {
  const r = ctx.rng;
  yield* tcp.send(CLIENT, tls.clientHello(h.sni, r.bytes(32), r.bytes(32), r.bytes(32)), 1 * MS);
  const serverHello = tls.serverHello(r.bytes(32), r.bytes(32), r.bytes(32));
  const flight = tls.applicationRecords(ctx.noise.take(r, h.serverFlight));
  const both = new Uint8Array(serverHello.length + flight.length);
  both.set(serverHello);
  both.set(flight, serverHello.length);
  yield* tcp.send(SERVER, both, r.between(2 * MS, 12 * MS));
  const finished = tls.applicationData(ctx.noise.take(r, 69));
  const ccs = tls.changeCipherSpec();
  const clientFinish = new Uint8Array(ccs.length + finished.length);
  clientFinish.set(ccs);
  clientFinish.set(finished, ccs.length);
  yield* tcp.send(CLIENT, clientFinish, r.between(1 * MS, 4 * MS));
}

export interface HttpsOptions {
  client: SynthHost;
  server: SynthHost;
  port?: number;
  sni: string;
  start: number;
  /** Request/response sizes in bytes (application data, before TLS framing) and the think time before each. */
  exchanges: readonly { up: number; down: number; think: number }[];
  tuning?: Partial<TcpTuning>;
}

export function* httpsSession(ctx: SynthContext, o: HttpsOptions): Generator<Emitted> {
  const tcp = new TcpSession(
    ctx.net,
    ctx.rng,
    o.client,
    ephemeralPort(o.client),
    o.server,
    o.port ?? 443,
    o.start,
    {
      rtt: 2 * MS,
      retransmitRate: 0.002,
      reorderRate: 0.0005,
      segmentGap: 30,
      ...o.tuning,
    },
  );
  yield* tcp.open();
  yield* tlsHandshake(ctx, tcp, { sni: o.sni, serverFlight: ctx.rng.between(2400, 4200) });
  for (const x of o.exchanges) {
    yield* tcp.send(CLIENT, tls.applicationRecords(ctx.noise.take(ctx.rng, x.up)), x.think);
    yield* tcp.send(
      SERVER,
      tls.applicationRecords(ctx.noise.take(ctx.rng, x.down)),
      ctx.rng.between(1 * MS, 40 * MS),
    );
    if (x.down <= 1400) yield* tcp.ack(CLIENT, ctx.rng.between(100, 20 * MS));
  }
  yield* tcp.close(CLIENT, ctx.rng.between(20 * MS, 2000 * MS));
}
