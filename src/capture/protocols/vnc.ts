/**
 * VNC: the RFB handshake (RFC 6143) on TCP 5900-5906 and wherever a stream opens with `RFB 0`. The server's
 * version line makes it a remote-access service. From RFB 3.7 on the client picks a security type: that choice is
 * the session request (code: the security type) and the server's SecurityResult answers it. Types None and VNC
 * Authentication leave the session unencrypted (an insecure channel); None also lets anyone take control.
 * Version 3.3, where the server imposes the type, is reported by its observations only. After the handshake the
 * framebuffer protocol is passed over.
 */
import { ascii, u32be } from "../bytes.js";
import type { Direction, Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { TO_SERVER } from "../dissector.js";

const VERSION_BYTES = 12;
const PREFIX = "RFB 0";
const NONE = 1;
const VNC_AUTH = 2;
/** VNC Authentication: 16-byte DES challenge before the result. */
const CHALLENGE = 16;
/** A security-type list has at most 255 entries; a failure reason is cut to this. */
export const MAX_REASON = 1024;

const SECURITY_TYPES: Record<number, string> = {
  1: "None",
  2: "VNC Authentication",
  5: "RA2",
  6: "RA2ne",
  16: "Tight",
  18: "TLS",
  19: "VeNCrypt",
  30: "Apple Remote Desktop",
};
function securityTypeName(t: number): string {
  return SECURITY_TYPES[t] ?? `security type ${t}`;
}

enum Stage {
  Version,
  /** Server 3.3: a 4-byte type. Server 3.7+: count and types. */
  Security,
  /** Client 3.7+: its one-byte choice. */
  Choice,
  /** Server: after the client's choice, the challenge (VNC Authentication) and the 4-byte SecurityResult. */
  Result,
  Done,
}

export interface VncState {
  stage: [Stage, Stage];
  /** Minor version of each side (3, 7, 8; 889 for Apple counts as 8). */
  minor: [number, number];
  chosen: number;
}

export function probeVnc(data: Uint8Array): ProbeResult {
  const n = Math.min(data.length, PREFIX.length);
  for (let i = 0; i < n; i++) if (data[i] !== PREFIX.charCodeAt(i)) return "reject";
  return n < PREFIX.length ? "needMore" : "match";
}

function newerThan33(s: VncState): boolean {
  return Math.min(s.minor[0] || 8, s.minor[1] || 8) >= 7;
}

function unencrypted(type: number, sink: DissectorSink, server: "src" | "dst"): void {
  if (type === NONE)
    sink.observe(
      "unauthenticated-control",
      server,
      "VNC session without authentication (security type None)",
    );
  if (type === NONE || type === VNC_AUTH)
    sink.observe("insecure-channel", server, `unencrypted VNC session (${securityTypeName(type)})`);
}

/** Parses as much of one side's handshake as is buffered; returns bytes consumed. */
function step(s: VncState, dir: Direction, b: Uint8Array, sink: DissectorSink): number {
  let o = 0;
  for (;;) {
    const stage = s.stage[dir];
    if (stage === Stage.Done) return b.length;
    if (stage === Stage.Version) {
      if (b.length - o < VERSION_BYTES) return o;
      const line = ascii(b, o, VERSION_BYTES - 1);
      const m = /^RFB (\d{3})\.(\d{3})$/.exec(line);
      if (!m || b[o + VERSION_BYTES - 1] !== 0x0a) {
        sink.anomaly("bad-version", "RFB version line malformed");
        s.stage[dir] = Stage.Done;
        return b.length;
      }
      s.minor[dir] = Math.min(8, Number(m[2]));
      if (dir !== TO_SERVER) sink.observe("remote-access", "src", `VNC server (${line})`);
      o += VERSION_BYTES;
      s.stage[dir] = dir === TO_SERVER ? Stage.Choice : Stage.Security;
      continue;
    }
    if (dir === TO_SERVER) {
      // The client's choice exists from 3.7 on, and only once it knows the server's version.
      if (s.minor[1] === 0) return o;
      if (!newerThan33(s)) {
        s.stage[dir] = Stage.Done;
        return b.length;
      }
      if (b.length - o < 1) return o;
      s.chosen = b[o];
      sink.request(s.chosen, securityTypeName(s.chosen), "session");
      unencrypted(s.chosen, sink, "dst");
      s.stage[dir] = Stage.Done;
      return b.length;
    }
    if (stage === Stage.Security) {
      if (s.minor[0] === 0) return o;
      if (!newerThan33(s)) {
        if (b.length - o < 4) return o;
        unencrypted(u32be(b, o), sink, "src");
        s.stage[dir] = Stage.Done;
        return b.length;
      }
      if (b.length - o < 1) return o;
      const count = b[o];
      if (count === 0) {
        // The server refuses the connection; a reason string follows.
        s.stage[dir] = Stage.Done;
        return b.length;
      }
      if (b.length - o < 1 + count) return o;
      o += 1 + count;
      s.stage[dir] = Stage.Result;
      continue;
    }
    // Stage.Result: needs the client's choice first.
    if (s.chosen === 0) return o;
    if (s.chosen !== NONE && s.chosen !== VNC_AUTH) {
      s.stage[dir] = Stage.Done;
      return b.length;
    }
    // RFB 3.7 sends no SecurityResult for None.
    if (s.chosen === NONE && Math.min(s.minor[0], s.minor[1]) < 8) {
      s.stage[dir] = Stage.Done;
      return b.length;
    }
    const need = (s.chosen === VNC_AUTH ? CHALLENGE : 0) + 4;
    if (b.length - o < need) return o;
    sink.response(s.chosen, u32be(b, o + need - 4) !== 0);
    s.stage[dir] = Stage.Done;
    return b.length;
  }
}

export const vnc: Dissector<VncState> = {
  name: "vnc",
  transport: "tcp",
  defaultPorts: [5900, 5901, 5902, 5903, 5904, 5905, 5906],
  heuristic: true,
  limits: { maxPdu: 4 + MAX_REASON, maxPending: 1 },
  probe: probeVnc,
  newState: () => ({ stage: [Stage.Version, Stage.Version], minor: [0, 0], chosen: 0 }),
  parse: step,
  gap(s, dir) {
    s.stage[dir] = Stage.Done;
  },
};
