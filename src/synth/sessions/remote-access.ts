/** Remote access sessions: RDP (X.224 + CredSSP over TLS), SSH, Telnet with a cleartext login, TeamViewer. */
import { ascii } from "../byte-writer.js";
import type { SynthHost } from "../network.js";
import { connectionConfirm, connectionRequest } from "../protocols/rdp.js";
import * as ssh from "../protocols/ssh.js";
import { dataPacket, identify } from "../protocols/teamviewer.js";
import * as tls from "../protocols/tls.js";
import { CLIENT, SERVER, TcpSession } from "../tcp-session.js";
import type { Emitted } from "../timeline.js";
import { ephemeralPort, MS, SECOND, type SynthContext } from "./context.js";
import { tlsHandshake } from "./web.js";

export interface RdpOptions {
  client: SynthHost;
  server: SynthHost;
  /** The mstshash cookie: the user name typed in the client. */
  user: string;
  serverName: string;
  start: number;
  end: number;
  /** Mean bytes per second of screen updates. */
  screenRate: number;
}

/**
 * RDP puts each update PDU in its own TLS record, so segments start on record boundaries. That matters:
 * a segment of ciphertext starting 03 00 would be taken for a TPKT header by dissectors keyed on port 3389.
 */
const records = (cipher: Uint8Array): Uint8Array => tls.applicationRecords(cipher, 1460 - 5);

export function* rdpSession(ctx: SynthContext, o: RdpOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, 3389, o.start, {
    rtt: 700,
    retransmitRate: 0.001,
    segmentGap: 60,
  });
  yield* tcp.open();
  yield* tcp.exchange(connectionRequest(o.user), connectionConfirm(), 2 * MS, 1 * MS);
  yield* tlsHandshake(ctx, tcp, { sni: o.serverName, serverFlight: ctx.rng.between(900, 1250) });
  // CredSSP (NTLM inside TLS), then the RDP connection sequence and the session itself, all encrypted.
  for (const [up, down] of [
    [280, 340],
    [560, 90],
    [1620, 2400],
    [420, 7800],
  ]) {
    yield* tcp.send(CLIENT, records(ctx.noise.take(ctx.rng, up)), ctx.rng.between(2 * MS, 15 * MS));
    yield* tcp.send(SERVER, records(ctx.noise.take(ctx.rng, down)), ctx.rng.between(5 * MS, 40 * MS));
  }
  while (tcp.t < o.end) {
    const gap = Math.round(ctx.rng.exp(250 * MS));
    if (ctx.rng.chance(0.35)) {
      yield* tcp.send(CLIENT, records(ctx.noise.take(ctx.rng, ctx.rng.between(20, 90))), gap);
    }
    const burst = Math.max(120, Math.round(ctx.rng.exp((o.screenRate * 250) / 1000)));
    yield* tcp.send(
      SERVER,
      records(ctx.noise.take(ctx.rng, Math.min(burst, 400_000))),
      ctx.rng.between(5 * MS, 30 * MS),
    );
  }
  yield* tcp.close(CLIENT, 50 * MS);
}

export interface SshOptions {
  client: SynthHost;
  server: SynthHost;
  clientSoftware: string;
  serverSoftware: string;
  start: number;
  /** Encrypted interactive exchanges after key exchange. */
  commands: number;
}

export function* sshSession(ctx: SynthContext, o: SshOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, 22, o.start, {
    rtt: 500,
  });
  const pad = () => ctx.rng.bytes(16);
  yield* tcp.open();
  yield* tcp.send(SERVER, ssh.banner(o.serverSoftware), 3 * MS);
  yield* tcp.send(CLIENT, ssh.banner(o.clientSoftware), 1 * MS);
  yield* tcp.send(SERVER, ssh.kexInit(ctx.rng.bytes(16), pad()), 1 * MS);
  yield* tcp.send(CLIENT, ssh.kexInit(ctx.rng.bytes(16), pad()), 1 * MS);
  yield* tcp.send(CLIENT, ssh.ecdhInit(ctx.rng.bytes(32), pad()), 1 * MS);
  yield* tcp.send(
    SERVER,
    ssh.ecdhReply(ctx.rng.bytes(256), ctx.rng.bytes(32), ctx.rng.bytes(256), pad()),
    4 * MS,
  );
  yield* tcp.send(CLIENT, ssh.newKeysPacket(pad()), 1 * MS);
  // Encrypted from here on: opaque packets whose sizes follow the usual auth and shell pattern.
  for (let i = 0; i < 3 + o.commands; i++) {
    const think = i < 3 ? ctx.rng.between(5 * MS, 40 * MS) : ctx.rng.between(1 * SECOND, 6 * SECOND);
    yield* tcp.send(CLIENT, ctx.noise.take(ctx.rng, 36 + 16 * ctx.rng.int(6)), think);
    yield* tcp.send(
      SERVER,
      ctx.noise.take(ctx.rng, 52 + 16 * ctx.rng.int(40)),
      ctx.rng.between(2 * MS, 30 * MS),
    );
  }
  yield* tcp.close(CLIENT, 500 * MS);
}

export interface TelnetOptions {
  client: SynthHost;
  server: SynthHost;
  hostname: string;
  user: string;
  password: string;
  start: number;
  commands: readonly [string, string][];
}

const IAC = 255;
const DO = 253;
const WILL = 251;

/** A Telnet login: option negotiation, the user name echoed back, the password not, then a few commands. */
export function* telnetLogin(ctx: SynthContext, o: TelnetOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, 23, o.start, {
    rtt: 900,
  });
  yield* tcp.open();
  yield* tcp.send(SERVER, Uint8Array.of(IAC, DO, 24, IAC, DO, 32, IAC, DO, 31, IAC, DO, 39), 20 * MS);
  yield* tcp.send(CLIENT, Uint8Array.of(IAC, WILL, 24, IAC, WILL, 32, IAC, WILL, 31, IAC, WILL, 39), 2 * MS);
  yield* tcp.send(SERVER, Uint8Array.of(IAC, WILL, 1, IAC, WILL, 3), 10 * MS);
  yield* tcp.send(CLIENT, Uint8Array.of(IAC, DO, 1, IAC, DO, 3), 2 * MS);
  yield* tcp.send(SERVER, ascii(`\r\n${o.hostname} login: `), 30 * MS);
  for (const ch of `${o.user}\r`) {
    yield* tcp.send(CLIENT, ascii(ch === "\r" ? "\r\n" : ch), ctx.rng.between(90 * MS, 350 * MS));
    yield* tcp.send(SERVER, ascii(ch === "\r" ? "\r\n" : ch), 2 * MS);
  }
  yield* tcp.send(SERVER, ascii("Password: "), 5 * MS);
  for (const ch of `${o.password}\r`) {
    yield* tcp.send(CLIENT, ascii(ch === "\r" ? "\r\n" : ch), ctx.rng.between(90 * MS, 300 * MS));
    yield* tcp.ack(SERVER, 2 * MS);
  }
  yield* tcp.send(
    SERVER,
    ascii(`\r\nLast login: Wed Nov 25 06:12:41 on ttyS0\r\n${o.hostname}:~$ `),
    400 * MS,
  );
  for (const [command, output] of o.commands) {
    yield* tcp.send(CLIENT, ascii(`${command}\r\n`), ctx.rng.between(2 * SECOND, 5 * SECOND));
    yield* tcp.send(SERVER, ascii(`${command}\r\n${output}\r\n${o.hostname}:~$ `), 40 * MS);
  }
  yield* tcp.send(CLIENT, ascii("exit\r\n"), 2 * SECOND);
  yield* tcp.send(SERVER, ascii("exit\r\nlogout\r\n"), 5 * MS);
  yield* tcp.close(SERVER, 10 * MS);
}

export interface TeamViewerOptions {
  client: SynthHost;
  server: SynthHost;
  start: number;
  end: number;
  /** Seconds with an active remote-control session (screen data) starting at `start` + 20 s. */
  activeSeconds: number;
}

/** A TeamViewer client's outbound connection: identify, keep-alives, and screen data while controlled. */
export function* teamViewerSession(ctx: SynthContext, o: TeamViewerOptions): Generator<Emitted> {
  const tcp = new TcpSession(ctx.net, ctx.rng, o.client, ephemeralPort(o.client), o.server, 5938, o.start, {
    rtt: 28 * MS,
    segmentGap: 120,
  });
  yield* tcp.open();
  const id = ctx.rng.between(100_000_000, 1_999_999_999);
  yield* tcp.send(CLIENT, identify(id, ctx.rng.bytes(29)), 2 * MS);
  yield* tcp.send(SERVER, identify(id, ctx.rng.bytes(29)), 30 * MS);
  const activeFrom = o.start + 20 * SECOND;
  const activeTo = activeFrom + o.activeSeconds * SECOND;
  while (tcp.t < o.end) {
    const active = tcp.t >= activeFrom && tcp.t < activeTo;
    if (active) {
      yield* tcp.send(
        SERVER,
        dataPacket(0x1f, ctx.noise.take(ctx.rng, ctx.rng.between(40, 160))),
        Math.round(ctx.rng.exp(300 * MS)),
      );
      yield* tcp.send(
        CLIENT,
        dataPacket(0x20, ctx.noise.take(ctx.rng, ctx.rng.between(400, 9000))),
        ctx.rng.between(10 * MS, 40 * MS),
      );
    } else {
      yield* tcp.send(
        CLIENT,
        dataPacket(0x10, ctx.noise.take(ctx.rng, 24)),
        ctx.rng.between(8 * SECOND, 12 * SECOND),
      );
      yield* tcp.send(SERVER, dataPacket(0x10, ctx.noise.take(ctx.rng, 24)), 30 * MS);
      yield* tcp.ack(CLIENT, 40 * MS);
    }
  }
  yield* tcp.close(CLIENT, 10 * MS);
}
