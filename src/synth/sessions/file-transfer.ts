/** File transfer sessions: an FTP login (cleartext USER/PASS) and SMB2 file reads. */
import { ascii } from "../byte-writer.js";
import type { SynthHost } from "../network.js";
import * as smb from "../protocols/smb2.js";
import { CLIENT, SERVER, TcpSession, type TcpTuning } from "../tcp-session.js";
import type { Emitted } from "../timeline.js";
import { ephemeralPort, MS, type SynthContext } from "./context.js";

export interface FtpOptions {
  client: SynthHost;
  server: SynthHost;
  banner: string;
  user: string;
  password: string;
  start: number;
}

export function* ftpLogin(ctx: SynthContext, o: FtpOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, 21, o.start, {
    rtt: 700,
  });
  yield* tcp.open();
  yield* tcp.send(SERVER, ascii(`220 ${o.banner}\r\n`), 15 * MS);
  const dialogue: [string, string][] = [
    [`USER ${o.user}`, `331 User name okay, need password.`],
    [`PASS ${o.password}`, "230 User logged in, proceed."],
    ["SYST", "215 UNIX Type: L8"],
    ["PWD", '257 "/" is current directory.'],
    ["TYPE I", "200 Command okay."],
    ["QUIT", "221 Goodbye."],
  ];
  for (const [command, reply] of dialogue) {
    yield* tcp.send(CLIENT, ascii(`${command}\r\n`), ctx.rng.between(300 * MS, 2500 * MS));
    yield* tcp.send(SERVER, ascii(`${reply}\r\n`), ctx.rng.between(2 * MS, 20 * MS));
  }
  yield* tcp.close(SERVER, 5 * MS);
}

export interface SmbOptions {
  client: SynthHost;
  server: SynthHost;
  start: number;
  /** Total file bytes read, in reads of at most `readSize`. */
  bytes: number;
  readSize: number;
  tuning?: Partial<TcpTuning>;
}

/** NEGOTIATE, then sequential READs of one file (session setup and tree connect are elided as already done). */
export function* smbTransfer(ctx: SynthContext, o: SmbOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, 445, o.start, {
    rtt: 300,
    retransmitRate: 0.001,
    reorderRate: 0.0005,
    segmentGap: 14,
    ...o.tuning,
  });
  yield* tcp.open();
  let messageId = 0;
  yield* tcp.exchange(
    smb.negotiateRequest(messageId, ctx.rng.bytes(16)),
    smb.negotiateResponse(messageId, 0x0302, ctx.rng.bytes(16), tcp.t),
    1 * MS,
    1 * MS,
  );
  messageId = 5;
  const treeId = ctx.rng.between(1, 16);
  const sessionId = ctx.rng.next() * 65536 + ctx.rng.int(65536);
  const fileId = ctx.rng.bytes(16);
  for (let offset = 0; offset < o.bytes; offset += o.readSize) {
    const length = Math.min(o.readSize, o.bytes - offset);
    yield* tcp.send(
      CLIENT,
      smb.readRequest(messageId, treeId, sessionId, fileId, offset, length),
      ctx.rng.between(100, 2 * MS),
    );
    yield* tcp.send(
      SERVER,
      smb.readResponse(messageId, treeId, sessionId, ctx.noise.take(ctx.rng, length)),
      ctx.rng.between(200, 3 * MS),
    );
    messageId++;
  }
  yield* tcp.close(CLIENT, ctx.rng.between(50 * MS, 3000 * MS));
}
