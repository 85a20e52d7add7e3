/**
 * DHCP (RFC 2131/2132) on UDP 67, the server port (clients answer on 68, which is left unregistered so that the
 * server side of every DHCP flow is the one on 67). Client messages are requests coded by message type, server
 * messages answer them (a NAK fails). The client names itself (option 12, or 81) and hints at its OS (vendor
 * class, option 60); a relayed message names the client's own address instead. Options overloaded into the
 * sname/file fields (option 52) are not read: clients that name themselves put the name in the options field.
 */
import { ascii, u16be } from "../bytes.js";
import type { Dissector, DissectorSink } from "../dissector.js";
import { ipv4At } from "./ip-text.js";

const MAGIC_OFFSET = 236;
const OPTIONS_OFFSET = 240;
/** Host names and vendor classes are at most 255 bytes by the option format; we keep this much. */
const MAX_TEXT = 128;

const MESSAGE_TYPES = ["", "DISCOVER", "OFFER", "REQUEST", "DECLINE", "ACK", "NAK", "RELEASE", "INFORM"];
/** Which client message a server message answers (OFFER answers DISCOVER, ACK and NAK answer REQUEST). */
const ANSWERS: Record<number, number> = { 2: 1, 5: 3, 6: 3 };

export interface DhcpMessage {
  /** 1 BOOTREQUEST (client), 2 BOOTREPLY (server). */
  op: number;
  messageType: number;
  ciaddr: string;
  yiaddr: string;
  giaddr: string;
  hostName?: string;
  clientFqdn?: string;
  vendorClass?: string;
  /** Hardware type 1 (Ethernet) client identifiers as a MAC, others as hex. */
  clientId?: string;
  requestedIp?: string;
}

/** Parses one BOOTP/DHCP datagram; null when it is not one. */
export function parseDhcp(b: Uint8Array): DhcpMessage | null {
  if (b.length < OPTIONS_OFFSET || (b[0] !== 1 && b[0] !== 2)) return null;
  if (b[MAGIC_OFFSET] !== 0x63 || b[237] !== 0x82 || b[238] !== 0x53 || b[239] !== 0x63) return null;
  const m: DhcpMessage = {
    op: b[0],
    messageType: 0,
    ciaddr: ipv4At(b, 12),
    yiaddr: ipv4At(b, 16),
    giaddr: ipv4At(b, 24),
  };
  let o = OPTIONS_OFFSET;
  while (o < b.length) {
    const code = b[o];
    if (code === 255) break;
    if (code === 0) {
      o++;
      continue;
    }
    if (o + 2 > b.length) return null;
    const len = b[o + 1];
    const v = o + 2;
    if (v + len > b.length) return null;
    switch (code) {
      case 53:
        if (len >= 1) m.messageType = b[v];
        break;
      case 12:
        m.hostName = ascii(b, v, Math.min(len, MAX_TEXT));
        break;
      case 60:
        m.vendorClass = ascii(b, v, Math.min(len, MAX_TEXT));
        break;
      case 50:
        if (len === 4) m.requestedIp = ipv4At(b, v);
        break;
      case 61:
        m.clientId = clientIdText(b, v, len);
        break;
      case 81:
        m.clientFqdn = fqdnText(b, v, len);
        break;
    }
    o = v + len;
  }
  return m;
}

function clientIdText(b: Uint8Array, v: number, len: number): string {
  let s = "";
  if (b[v] === 1 && len === 7) {
    for (let i = 1; i < 7; i++) s += (i > 1 ? ":" : "") + b[v + i].toString(16).padStart(2, "0");
    return s;
  }
  for (let i = 0; i < Math.min(len, 32); i++) s += b[v + i].toString(16).padStart(2, "0");
  return s;
}

/** Option 81: flags, two rcodes, then the name, in DNS wire format when the E flag (0x04) is set. */
function fqdnText(b: Uint8Array, v: number, len: number): string | undefined {
  if (len < 4) return undefined;
  const end = v + len;
  if ((b[v] & 0x04) === 0) return ascii(b, v + 3, Math.min(len - 3, MAX_TEXT)) || undefined;
  const labels: string[] = [];
  let o = v + 3;
  while (o < end && b[o] !== 0 && labels.length < 16) {
    const l = b[o];
    if (l > 63 || o + 1 + l > end) return undefined;
    labels.push(ascii(b, o + 1, l));
    o += 1 + l;
  }
  return labels.length > 0 ? labels.join(".") : undefined;
}

/**
 * OS hints from vendor class prefixes as the clients send them (Microsoft `MSFT 5.0`, Android `android-dhcp-<n>`,
 * dhcpcd `dhcpcd-<version>:<OS>-<release>:<machine>`, BusyBox `udhcp <version>`); others are reported as product.
 */
export function vendorClassHints(vc: string): { os?: string; product?: string } {
  if (vc.startsWith("MSFT ")) return { os: "Windows" };
  if (vc.startsWith("android-dhcp")) return { os: "Android" };
  if (vc.startsWith("dhcpcd-")) {
    const os = vc.split(":")[1]?.split("-")[0];
    return os ? { os } : {};
  }
  if (vc.startsWith("udhcp")) return { os: "Linux", product: vc };
  return { product: vc };
}

function isZero(ip: string): boolean {
  return ip === "0.0.0.0";
}

function emit(m: DhcpMessage, sink: DissectorSink): void {
  const name = MESSAGE_TYPES[m.messageType] ?? `type ${m.messageType}`;
  if (m.op === 1) {
    sink.request(m.messageType, name || "BOOTP request", "identify");
    // A relay agent forwards the message from its own address: "src" is then the relay, not the client.
    const relayed = !isZero(m.giaddr);
    const who = relayed ? (isZero(m.ciaddr) ? null : { ip: m.ciaddr }) : "src";
    if (who === null) return;
    if (m.hostName) sink.hostname(who, m.hostName);
    if (m.clientFqdn && m.clientFqdn !== m.hostName) sink.hostname(who, m.clientFqdn);
    if (m.vendorClass && who === "src") sink.identity("src", vendorClassHints(m.vendorClass));
    return;
  }
  const answered = ANSWERS[m.messageType];
  if (answered !== undefined) sink.response(answered, m.messageType === 6);
  // Some servers echo the client's host name in the ACK: that names the address it leases.
  if (m.messageType === 5 && m.hostName && !isZero(m.yiaddr)) sink.hostname({ ip: m.yiaddr }, m.hostName);
}

export const dhcp: Dissector<null> = {
  name: "dhcp",
  transport: "udp",
  defaultPorts: [67],
  heuristic: false,
  limits: { maxPdu: 1500, maxPending: 16 },
  probe(data) {
    // A datagram is whole: too short for the fixed BOOTP header is not DHCP.
    if (data.length < OPTIONS_OFFSET) return "reject";
    return u16be(data, MAGIC_OFFSET) === 0x6382 && u16be(data, 238) === 0x5363 ? "match" : "reject";
  },
  newState: () => null,
  parse(_state, _dir, data, sink) {
    const m = parseDhcp(data);
    if (m === null) sink.anomaly("bad-dhcp", "not a BOOTP/DHCP message or an option runs past the datagram");
    else emit(m, sink);
    return data.length;
  },
};
