/**
 * SSH (RFC 4253 4.2) on TCP 22 and wherever a stream opens with `SSH-`: each side's identification line
 * `SSH-protoversion-softwareversion [comments]` names its software and often its OS. The client's line is the
 * session request (code: protocol major version). Protocol 1 is broken by design: a side speaking it, or a server
 * offering it beside 2 (`1.99`), is an insecure channel. Everything after the identification is the binary
 * packet protocol and is passed over.
 */
import { ascii } from "../bytes.js";
import type { Direction, Dissector, DissectorSink, ProbeResult } from "../dissector.js";
import { doneAfterBothSides, TO_SERVER } from "../dissector.js";
import { lineEnd, lineLength, startsWith } from "./text.js";

/** The identification line is at most 255 bytes; a server may send other lines before it, within this budget. */
export const MAX_PREAMBLE = 1024;
const PREFIX = "SSH-";

export interface SshBanner {
  protocol: string;
  software: string;
  comments?: string;
}

export function parseBanner(line: string): SshBanner | null {
  const m = /^SSH-([^-\s]+)-(\S+)(?: (.*))?$/.exec(line);
  if (!m) return null;
  return m[3] ? { protocol: m[1], software: m[2], comments: m[3] } : { protocol: m[1], software: m[2] };
}

/** OS hints that SSH servers put in their software version or comments. */
export function bannerOs(b: SshBanner): string | undefined {
  const text = `${b.software} ${b.comments ?? ""}`;
  if (/ubuntu/i.test(text)) return "Ubuntu";
  if (/raspbian/i.test(text)) return "Raspbian";
  if (/debian|deb\d+u\d/i.test(text)) return "Debian";
  if (/freebsd/i.test(text)) return "FreeBSD";
  if (/for_Windows/i.test(text)) return "Windows";
  if (/^ROSSSH/.test(b.software)) return "MikroTik RouterOS";
  if (/^Cisco-/.test(b.software)) return "Cisco IOS";
  return undefined;
}

export function probeSsh(data: Uint8Array, dir: Direction): ProbeResult {
  const n = Math.min(data.length, PREFIX.length);
  let prefixOk = true;
  for (let i = 0; i < n; i++) if (data[i] !== PREFIX.charCodeAt(i)) prefixOk = false;
  if (prefixOk) return n < PREFIX.length ? "needMore" : "match";
  // Only a server may precede its identification with other lines (banners, notices).
  if (dir === TO_SERVER || data[0] < 0x20 || data[0] >= 0x7f) return "reject";
  for (let o = 0; o < Math.min(data.length, MAX_PREAMBLE); ) {
    const lf = lineEnd(data, o, MAX_PREAMBLE);
    if (lf < 0) return data.length < MAX_PREAMBLE ? "needMore" : "reject";
    if (startsWith(data, lf + 1, PREFIX)) return "match";
    o = lf + 1;
  }
  return "reject";
}

export interface SshState {
  done: [boolean, boolean];
  /** Bytes of non-identification lines skipped per side. */
  skipped: [number, number];
}

function onBanner(b: SshBanner, dir: Direction, sink: DissectorSink): void {
  const os = bannerOs(b);
  sink.identity("src", os ? { software: b.software, os } : { software: b.software });
  const v1 = b.protocol.startsWith("1.") && b.protocol !== "1.99";
  if (dir === TO_SERVER) sink.request(v1 ? 1 : 2, `SSH-${v1 ? "1" : "2"} session`, "session");
  if (v1) sink.observe("insecure-channel", "src", `speaks SSH protocol ${b.protocol}`);
  else if (b.protocol === "1.99" && dir !== TO_SERVER)
    sink.observe("insecure-channel", "src", "server also accepts SSH protocol 1 (1.99)");
}

export const ssh: Dissector<SshState> = {
  name: "ssh",
  transport: "tcp",
  defaultPorts: [22],
  heuristic: true,
  limits: { maxPdu: MAX_PREAMBLE, maxPending: 1 },
  probe: probeSsh,
  newState: () => ({ done: [false, false], skipped: [0, 0] }),
  parse: doneAfterBothSides((s, dir, data, sink) => {
    if (s.done[dir]) return data.length;
    let o = 0;
    for (;;) {
      const lf = lineEnd(data, o, o + 256);
      if (lf < 0) {
        if (data.length - o < 256) return o;
        sink.anomaly("bad-banner", "SSH identification line longer than 255 bytes");
        s.done[dir] = true;
        return data.length;
      }
      const line = ascii(data, o, lineLength(data, o, lf));
      o = lf + 1;
      if (line.startsWith(PREFIX)) {
        const banner = parseBanner(line);
        if (banner) onBanner(banner, dir, sink);
        else sink.anomaly("bad-banner", "SSH identification line without protocol and software versions");
        s.done[dir] = true;
        return data.length;
      }
      s.skipped[dir] += line.length + 1;
      if (dir === TO_SERVER || s.skipped[dir] > MAX_PREAMBLE) {
        sink.anomaly("bad-banner", "no SSH identification line");
        s.done[dir] = true;
        return data.length;
      }
    }
  }),
  gap(s, dir) {
    s.done[dir] = true;
  },
};
