/**
 * Telnet (RFC 854) on TCP 23: a remote login in clear. The session is a request (code 0: Telnet has no
 * operation codes) and two observations on the server: remote access, and an insecure channel. When the server
 * prompts for a login, the user name the client types is counted as it streams by (first character and
 * length, backspaces honoured, option negotiation skipped) and reported masked; a password prompt answered is
 * reported without anything of the password. Characters the client types are never kept.
 */
import type { Direction, Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { TO_SERVER } from "../dissector.js";
import { maskParts } from "./mask.js";

const IAC = 0xff;
const SB = 0xfa;
const SE = 0xf0;
const WILL = 0xfb;
const DONT = 0xfe;
const ESC = 0x1b;
/** Server text kept to recognise a prompt at the end of what it sent. */
const TAIL = 32;
/** A user name longer than this is not a user name being typed: the login is no longer followed. */
const MAX_USER = 128;

enum Iac {
  Data,
  Command,
  Option,
  Sub,
  SubIac,
}

enum Await {
  Nothing,
  User,
  Password,
}

export interface TelnetState {
  iac: [Iac, Iac];
  /** The observations are made at the first bytes of either side, the request at the client's first bytes. */
  started: boolean;
  requested: boolean;
  /** The last characters the server sent, lower case. */
  tail: string;
  awaiting: Await;
  first: string;
  length: number;
  /** Holds while the typed line is plain characters; an escape sequence makes the count unreliable. */
  reliable: boolean;
}

const USER_PROMPT = /(?:login|user ?name|user)\s*:\s*$/;
const PASSWORD_PROMPT = /password\s*:\s*$/;

export function probeTelnet(data: Uint8Array): ProbeResult {
  if (data.length === 0) return "needMore";
  const c = data[0];
  if (c === IAC) return data.length < 2 ? "needMore" : data[1] >= SE ? "match" : "reject";
  return (c >= 0x20 && c < 0x7f) || c === 0x0d || c === 0x0a ? "match" : "reject";
}

function serverText(s: TelnetState, data: Uint8Array): void {
  let tail = s.tail;
  let st = s.iac[1];
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    st = step(st, c);
    if (st !== Iac.Data || c === IAC) continue;
    if (c === 0x0a || c === 0x0d) tail = "";
    else if (c >= 0x20 && c < 0x7f) tail += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
    if (tail.length > 2 * TAIL) tail = tail.slice(-TAIL);
  }
  s.iac[1] = st;
  s.tail = tail;
  if (USER_PROMPT.test(tail)) startLine(s, Await.User);
  else if (PASSWORD_PROMPT.test(tail)) startLine(s, Await.Password);
}

function startLine(s: TelnetState, what: Await): void {
  s.awaiting = what;
  s.first = "";
  s.length = 0;
  s.reliable = true;
}

/** Telnet command state machine: IAC cmd, IAC WILL/WONT/DO/DONT opt, IAC SB ... IAC SE. */
function step(st: Iac, c: number): Iac {
  switch (st) {
    case Iac.Data:
      return c === IAC ? Iac.Command : Iac.Data;
    case Iac.Command:
      if (c === IAC) return Iac.Data;
      if (c === SB) return Iac.Sub;
      return c >= WILL && c <= DONT ? Iac.Option : Iac.Data;
    case Iac.Option:
      return Iac.Data;
    case Iac.Sub:
      return c === IAC ? Iac.SubIac : Iac.Sub;
    case Iac.SubIac:
      return c === SE ? Iac.Data : Iac.Sub;
  }
}

function clientText(s: TelnetState, data: Uint8Array, sink: DissectorSink): void {
  let st = s.iac[0];
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    const before = st;
    st = step(st, c);
    // A data byte: outside commands, or IAC IAC (a literal 0xff).
    const isData = (before === Iac.Data && c !== IAC) || (before === Iac.Command && c === IAC);
    if (!isData || s.awaiting === Await.Nothing) continue;
    if (c === 0x0d || c === 0x0a) {
      if (s.length > 0) endLine(s, sink);
      continue;
    }
    if (c === 0x08 || c === 0x7f) {
      if (s.length > 0) s.length--;
      if (s.length === 0) s.first = "";
    } else if (c === ESC || c < 0x20) {
      s.reliable = false;
    } else if (++s.length === 1) {
      s.first = String.fromCharCode(c);
    }
    if (s.length > MAX_USER) s.awaiting = Await.Nothing;
  }
  s.iac[0] = st;
}

function endLine(s: TelnetState, sink: DissectorSink): void {
  if (s.awaiting === Await.User) {
    const user = s.reliable ? `, user ${maskParts(s.first, s.length)}` : "";
    sink.observe("cleartext-credentials", "dst", `Telnet login${user}`);
  } else if (s.awaiting === Await.Password) {
    sink.observe("cleartext-credentials", "dst", "Telnet password sent in clear");
  }
  s.awaiting = Await.Nothing;
  s.first = "";
  s.length = 0;
}

function start(s: TelnetState, dir: Direction, sink: DissectorSink): void {
  s.started = true;
  const server = dir === TO_SERVER ? "dst" : "src";
  sink.observe("remote-access", server, "Telnet remote login service");
  sink.observe("insecure-channel", server, "Telnet session in clear text");
}

export const telnet: Dissector<TelnetState> = {
  name: "telnet",
  transport: "tcp",
  defaultPorts: [23],
  heuristic: false,
  limits: { maxPdu: 65536, maxPending: 1 },
  probe: probeTelnet,
  newState: () => ({
    iac: [Iac.Data, Iac.Data],
    started: false,
    requested: false,
    tail: "",
    awaiting: Await.Nothing,
    first: "",
    length: 0,
    reliable: true,
  }),
  parse(s, dir, data, sink) {
    if (!s.started) start(s, dir, sink);
    if (dir === TO_SERVER) {
      if (!s.requested) {
        s.requested = true;
        sink.request(0, "login session", "session");
      }
      clientText(s, data, sink);
    } else serverText(s, data);
    return data.length;
  },
  gap(s, dir) {
    s.iac[dir] = Iac.Data;
    if (dir === TO_SERVER) s.awaiting = Await.Nothing;
  },
};
