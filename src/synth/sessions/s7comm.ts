/**
 * S7comm sessions on TCP 102: the COTP connection and setup communication every client does, a SCADA
 * read loop that also reads the CPU's identity (SZL 0x0011), and an engineering session that stops the
 * CPU and downloads program blocks.
 */
import { ByteWriter } from "../byte-writer.js";
import type { SynthHost } from "../network.js";
import * as s7 from "../protocols/s7comm.js";
import { cotpConnect, isoOnTcp, tpkt } from "../protocols/tpkt.js";
import { CLIENT, SERVER, TcpSession } from "../tcp-session.js";
import type { Emitted } from "../timeline.js";
import { ephemeralPort, MS, type SynthContext } from "./context.js";

export interface S7Identity {
  orderNumber: string;
  firmware: [number, number, number];
}

function szlRecords(id: S7Identity): Uint8Array[] {
  return [
    // Module and basic hardware: hardware version in Ausbg, as the CPU reports it.
    s7.moduleIdRecord(0x0001, id.orderNumber, 0x0000, 0x0005, 0x0001),
    s7.moduleIdRecord(0x0006, id.orderNumber, 0x0000, 0x0005, 0x0001),
    s7.firmwareRecord(...id.firmware),
  ];
}

class S7Connection {
  readonly tcp: TcpSession;
  private pduRef: number;

  constructor(
    private readonly ctx: SynthContext,
    client: SynthHost,
    server: SynthHost,
    start: number,
  ) {
    this.tcp = new TcpSession(ctx.net, ctx.rng, client, ephemeralPort(client), server, 102, start, {
      rtt: 450,
      retransmitRate: 0.001,
    });
    this.pduRef = ctx.rng.between(0x100, 0x4000);
  }

  nextRef(): number {
    this.pduRef = (this.pduRef + 1) & 0xffff;
    return this.pduRef;
  }

  *connect(): Generator<Emitted> {
    yield* this.tcp.open();
    const ref = this.ctx.rng.between(1, 0x7fff);
    yield* this.tcp.exchange(
      tpkt(cotpConnect("request", 0x0000, ref, 0x0100, 0x0101)),
      tpkt(cotpConnect("confirm", ref, 0x4403, 0x0100, 0x0101)),
      2 * MS,
      5 * MS,
    );
    const r = this.nextRef();
    yield* this.tcp.exchange(
      isoOnTcp(s7.job(r, s7.setupCommunication(480))),
      isoOnTcp(s7.ackData(r, s7.setupCommunication(240))),
      3 * MS,
      2 * MS,
    );
  }

  *readIdentity(id: S7Identity): Generator<Emitted> {
    const r = this.nextRef();
    yield* this.tcp.exchange(
      isoOnTcp(s7.szlRequest(r, 0, 0x0011, 0x0000)),
      isoOnTcp(s7.szlResponse(r, 1, 0x0011, 0x0000, szlRecords(id))),
      6 * MS,
      4 * MS,
    );
  }

  *job(
    param: Uint8Array,
    data: Uint8Array | undefined,
    ackParam: Uint8Array,
    ackData?: Uint8Array,
    wait = 0,
  ) {
    const r = this.nextRef();
    yield* this.tcp.exchange(
      isoOnTcp(s7.job(r, param, data)),
      isoOnTcp(s7.ackData(r, ackParam, ackData)),
      this.ctx.rng.between(2 * MS, 9 * MS),
      wait,
    );
  }
}

export interface S7PollOptions {
  client: SynthHost;
  server: SynthHost;
  start: number;
  end: number;
  period: number;
  identity: S7Identity;
  items: readonly s7.S7Item[];
  /** Write a set point (DB write var) every this many cycles (0: never). */
  writeEvery?: number;
}

export function* s7Poll(ctx: SynthContext, o: S7PollOptions): Generator<Emitted> {
  const c = new S7Connection(ctx, o.client, o.server, o.start);
  yield* c.connect();
  yield* c.readIdentity(o.identity);
  let cycle = 0;
  for (let due = c.tcp.t + 100 * MS; due < o.end; due += o.period) {
    cycle++;
    const values = o.items.map((item) => {
      const w = new ByteWriter(item.count * 4);
      if (item.transport === s7.TS_REAL)
        for (let i = 0; i < item.count; i++) w.f32(20 + ctx.rng.float() * 60);
      else for (let i = 0; i < item.count; i++) w.u8(ctx.rng.int(256));
      return w.bytes();
    });
    const real = o.items[0]?.transport === s7.TS_REAL;
    yield* c.job(
      s7.readVarParam(o.items),
      undefined,
      s7.varAckParam(s7.S7_READ_VAR, o.items.length),
      s7.readVarData(values, real),
      Math.max(0, due - c.tcp.t),
    );
    if (o.writeEvery && cycle % o.writeEvery === 0) {
      const item: s7.S7Item = { area: s7.AREA_DB, db: 10, start: 4, count: 2, transport: s7.TS_BYTE };
      yield* c.job(
        s7.writeVarParam(item),
        s7.writeVarData(Uint8Array.of(0x01, ctx.rng.int(256))),
        s7.varAckParam(s7.S7_WRITE_VAR, 1),
        s7.writeVarAckData(),
        ctx.rng.between(5 * MS, 20 * MS),
      );
    }
  }
  yield* c.tcp.close();
}

export interface S7DownloadOptions {
  client: SynthHost;
  server: SynthHost;
  start: number;
  identity: S7Identity;
  /** Stop the CPU (PLC STOP, function 0x29) before downloading. */
  stopFirst: boolean;
  blocks: readonly { type: "OB" | "DB" | "FC" | "FB"; number: number; size: number }[];
}

/**
 * Engineering download as STEP 7 does it: the PG asks to download a block, then the PLC pulls it with
 * download-block jobs the PG answers with the block bytes, and closes with download ended.
 */
export function* s7Download(ctx: SynthContext, o: S7DownloadOptions): Generator<Emitted> {
  const c = new S7Connection(ctx, o.client, o.server, o.start);
  yield* c.connect();
  yield* c.readIdentity(o.identity);
  if (o.stopFirst) {
    yield* c.job(s7.plcStopParam(), undefined, Uint8Array.of(s7.S7_PLC_STOP), undefined, 1500 * MS);
  }
  const tcp = c.tcp;
  for (const b of o.blocks) {
    const file = s7.blockFileName(b.type, b.number);
    yield* c.job(
      s7.requestDownloadParam(file, b.size + 36, b.size),
      undefined,
      Uint8Array.of(s7.S7_REQUEST_DOWNLOAD),
      undefined,
      ctx.rng.between(40 * MS, 200 * MS),
    );
    const image = ctx.noise.take(ctx.rng, b.size + 36);
    const pieceSize = 200;
    for (let off = 0; off < image.length; off += pieceSize) {
      const piece = image.subarray(off, Math.min(image.length, off + pieceSize));
      const more = off + pieceSize < image.length;
      const r = c.nextRef();
      // The PLC is the requester here: download block jobs travel from server to client.
      yield* tcp.send(
        SERVER,
        isoOnTcp(s7.job(r, s7.blockJobParam(s7.S7_DOWNLOAD_BLOCK, file))),
        ctx.rng.between(2 * MS, 6 * MS),
      );
      yield* tcp.send(CLIENT, isoOnTcp(s7.downloadBlockAck(r, piece, more)), ctx.rng.between(1 * MS, 3 * MS));
    }
    const r = c.nextRef();
    yield* tcp.send(SERVER, isoOnTcp(s7.job(r, s7.blockJobParam(s7.S7_DOWNLOAD_ENDED, file))), 3 * MS);
    yield* tcp.send(CLIENT, isoOnTcp(s7.ackData(r, Uint8Array.of(s7.S7_DOWNLOAD_ENDED))), 2 * MS);
    yield* tcp.ack(SERVER, 10 * MS);
  }
  yield* tcp.close(CLIENT, 2000 * MS);
}

export interface S7UploadOptions {
  client: SynthHost;
  server: SynthHost;
  start: number;
  identity: S7Identity;
  block: { type: "OB" | "DB" | "FC" | "FB"; number: number; size: number };
}

/**
 * A block read out of the PLC as STEP 7's "upload to PG" does it: start upload names the block, the PLC answers
 * with an upload id, the PG asks for the pieces with upload jobs, and closes with end upload.
 */
export function* s7Upload(ctx: SynthContext, o: S7UploadOptions): Generator<Emitted> {
  const c = new S7Connection(ctx, o.client, o.server, o.start);
  yield* c.connect();
  yield* c.readIdentity(o.identity);
  const file = s7.blockFileName(o.block.type, o.block.number);
  const uploadId = 7;
  const image = ctx.noise.take(ctx.rng, o.block.size);
  yield* c.job(
    s7.startUploadParam(file),
    undefined,
    s7.startUploadAck(uploadId, image.length),
    undefined,
    20 * MS,
  );
  const pieceSize = 200;
  for (let off = 0; off < image.length; off += pieceSize) {
    const piece = image.subarray(off, Math.min(image.length, off + pieceSize));
    const r = c.nextRef();
    yield* c.tcp.exchange(
      isoOnTcp(s7.job(r, s7.uploadJobParam(s7.S7_UPLOAD, uploadId))),
      isoOnTcp(s7.uploadAck(r, piece, off + pieceSize < image.length)),
      ctx.rng.between(2 * MS, 6 * MS),
      ctx.rng.between(1 * MS, 3 * MS),
    );
  }
  yield* c.job(s7.uploadJobParam(s7.S7_END_UPLOAD, uploadId), undefined, Uint8Array.of(s7.S7_END_UPLOAD));
  yield* c.tcp.close(CLIENT, 2000 * MS);
}
