/**
 * FTP control connections (RFC 959) on TCP 21. Each command is a request whose code is its letters packed
 * big-endian (`RETR` = 0x52455452), so any command keeps a code of its own; replies pair in order, 4xx/5xx
 * failing. USER and PASS travel in clear: reported with the user masked; an accepted anonymous login is a
 * default credential. The server's greeting names its software. After AUTH TLS is accepted the control
 * connection is encrypted and passed over.
 * File transfers are RETR (read) and STOR/STOU/APPE (write); that a write goes to a controller is for the
 * analyses to see, which know the server's role.
 */
import type { OperationCategory } from "../../model/capture.js";
import { ascii } from "../bytes.js";
import type { Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { TO_SERVER } from "../dissector.js";
import { maskSecret } from "./mask.js";
import { PendingRequests } from "./pending-requests.js";
import { lineEnd, lineLength } from "./text.js";

/** Longest command or reply line accepted (RFC 959 servers use far less). */
export const MAX_LINE = 2048;
export const MAX_PENDING = 16;
const MAX_TEXT = 128;

const CATEGORIES: Record<string, OperationCategory> = {};
for (const c of [
  "RETR",
  "LIST",
  "NLST",
  "MLSD",
  "MLST",
  "SIZE",
  "MDTM",
  "CWD",
  "XCWD",
  "CDUP",
  "XCUP",
  "PWD",
  "XPWD",
]) {
  CATEGORIES[c] = "read";
}
for (const c of ["STOR", "STOU", "APPE", "DELE", "RNFR", "RNTO", "MKD", "XMKD", "RMD", "XRMD"])
  CATEGORIES[c] = "write";
for (const c of ["SYST", "STAT", "HELP", "NOOP", "FEAT"]) CATEGORIES[c] = "diagnostic";
// Server-specific commands (SITE CHMOD, SITE EXEC) act on the server itself.
CATEGORIES.SITE = "control";

const ANONYMOUS = new Set(["anonymous", "ftp"]);
const USER = code("USER");
const PASS = code("PASS");
const AUTH = code("AUTH");

/** A command's letters packed big-endian, upper case. */
export function code(command: string): number {
  let v = 0;
  for (let i = 0; i < command.length; i++) v = v * 256 + command.charCodeAt(i);
  return v;
}

export interface FtpState {
  pending: PendingRequests;
  sent: number;
  answered: number;
  /** Masked user of the last USER command, and whether it is the anonymous account. */
  user: string | null;
  anonymous: boolean;
  /** Code of a multi-line reply being read (`230-...` until `230 ...`), or -1. */
  multiline: number;
  greeted: boolean;
  encrypted: boolean;
}

export function probeFtp(data: Uint8Array, dir: number): ProbeResult {
  const text = ascii(data, 0, Math.min(data.length, 5));
  if (dir === TO_SERVER) {
    if (/^[A-Za-z]{3,4}[ \r]/.test(text)) return "match";
    return /^[A-Za-z]{0,4}$/.test(text) && text.length < 5 ? "needMore" : "reject";
  }
  if (/^[1-5]\d\d[ -]/.test(text)) return "match";
  return /^[1-5]?\d{0,2}$/.test(text) && text.length < 4 ? "needMore" : "reject";
}

function command(s: FtpState, line: string, sink: DissectorSink): void {
  const sp = line.indexOf(" ");
  const verb = (sp < 0 ? line : line.slice(0, sp)).toUpperCase();
  if (!/^[A-Z]{3,4}$/.test(verb)) {
    sink.anomaly("bad-command", "FTP command is not 3 or 4 letters");
    return;
  }
  const arg = sp < 0 ? "" : line.slice(sp + 1);
  const c = code(verb);
  sink.request(c, verb, CATEGORIES[verb] ?? "session");
  if (!s.pending.add(s.sent++, c)) sink.anomaly("too-many-pending", "FTP command forgotten unanswered");
  if (c === USER) {
    s.user = maskSecret(arg);
    s.anonymous = ANONYMOUS.has(arg.toLowerCase());
  } else if (c === PASS) {
    const who = s.user === null ? "password" : `user ${s.user}`;
    sink.observe("cleartext-credentials", "dst", `FTP login in clear, ${who}`);
  }
}

function reply(s: FtpState, line: string, sink: DissectorSink): void {
  const m = /^([1-5]\d\d)([ -])?/.exec(line);
  if (!m) {
    // Inside a multi-line reply, any text may appear.
    if (s.multiline < 0) sink.anomaly("bad-reply", "FTP reply without a three-digit code");
    return;
  }
  const status = Number(m[1]);
  if (s.multiline >= 0) {
    if (status === s.multiline && m[2] === " ") s.multiline = -1;
    else return;
  } else if (m[2] === "-") {
    s.multiline = status;
  }
  if (status === 220 && !s.greeted) {
    s.greeted = true;
    const text = line.slice(4, 4 + MAX_TEXT).trim();
    if (text) sink.identity("src", { software: text });
    return;
  }
  // 1xx replies are preliminary: the final reply to the same command follows.
  if (status < 200 || s.multiline >= 0) return;
  const c = s.answered < s.sent ? s.pending.take(s.answered++) : -1;
  if (c < 0) return;
  sink.response(c, status >= 400);
  if ((c === PASS || c === USER) && status === 230 && s.anonymous) {
    sink.observe("default-credentials", "src", "anonymous FTP login accepted");
  }
  if (c === AUTH && status === 234) s.encrypted = true;
}

export const ftp: Dissector<FtpState> = {
  name: "ftp",
  transport: "tcp",
  defaultPorts: [21],
  heuristic: false,
  limits: { maxPdu: MAX_LINE, maxPending: MAX_PENDING },
  probe: probeFtp,
  newState: () => ({
    pending: new PendingRequests(MAX_PENDING),
    sent: 0,
    answered: 0,
    user: null,
    anonymous: false,
    multiline: -1,
    greeted: false,
    encrypted: false,
  }),
  parse(s, dir, data, sink) {
    let o = 0;
    while (!s.encrypted) {
      const lf = lineEnd(data, o);
      if (lf < 0) {
        if (data.length - o < MAX_LINE) return o;
        sink.anomaly("bad-line", `FTP line longer than ${MAX_LINE} bytes`);
        return -1;
      }
      const line = ascii(data, o, Math.min(lineLength(data, o, lf), MAX_LINE));
      o = lf + 1;
      if (line === "") continue;
      if (dir === TO_SERVER) command(s, line, sink);
      else reply(s, line, sink);
    }
    return data.length;
  },
  gap(s, dir) {
    // Lost commands or replies break the pairing order: forget what is pending.
    s.pending.clear();
    s.answered = s.sent;
    if (dir !== TO_SERVER) s.multiline = -1;
  },
};
