/**
 * CDP (Cisco Discovery Protocol) frames, LLC SNAP OUI 00:00:0c protocol 0x2000: a device announces its device
 * id, software version, platform, capabilities and addresses. The sender's MAC gets the identity and the name;
 * each announced address gets the name too. Layout: version, TTL, checksum, then type-length-value records
 * whose length counts their 4-byte header.
 */
import { ascii, u16be, u32be } from "../bytes.js";
import type { DissectorSink, LinkDissector } from "../dissector.js";
import { ipv4At, ipv6At } from "./ip-text.js";

const HEADER = 4;
const MAX_TEXT = 255;
const MAX_TLVS = 64;
/** Addresses read from one address TLV. */
const MAX_ADDRESSES = 8;

const DEVICE_ID = 0x0001;
const ADDRESSES = 0x0002;
const PORT_ID = 0x0003;
const CAPABILITIES = 0x0004;
const SOFTWARE_VERSION = 0x0005;
const PLATFORM = 0x0006;
const MANAGEMENT_ADDRESSES = 0x0016;
const NLPID_IP = 0xcc;
/** 802.2 protocol id of IPv6 in a CDP address: SNAP header with ethertype 0x86dd. */
const SNAP_IPV6 = [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd];
const CAPABILITY_NAMES = [
  "router",
  "transparent bridge",
  "source-route bridge",
  "switch",
  "host",
  "IGMP",
  "repeater",
  "phone",
];

export interface CdpInfo {
  deviceId?: string;
  portId?: string;
  /** First line of the software version text. */
  softwareVersion?: string;
  platform?: string;
  capabilities: string[];
  addresses: string[];
}

function readAddresses(b: Uint8Array, v: number, end: number, out: string[]): void {
  if (v + 4 > end) return;
  const count = Math.min(u32be(b, v), MAX_ADDRESSES);
  let o = v + 4;
  for (let i = 0; i < count && o + 2 <= end; i++) {
    const type = b[o];
    const plen = b[o + 1];
    const p = o + 2;
    if (p + plen + 2 > end) return;
    const alen = u16be(b, p + plen);
    const a = p + plen + 2;
    if (a + alen > end) return;
    if (type === 1 && plen === 1 && b[p] === NLPID_IP && alen === 4) out.push(ipv4At(b, a));
    else if (type === 2 && plen === 8 && SNAP_IPV6.every((x, k) => b[p + k] === x) && alen === 16)
      out.push(ipv6At(b, a));
    o = a + alen;
  }
}

/** The release in a software version line (`..., Version 15.2(7)E4, RELEASE ...`), else the whole line. */
export function releaseOf(line: string): string {
  const m = /Version ([^\s,]+)/.exec(line);
  return m ? m[1] : line;
}

export function parseCdp(b: Uint8Array): CdpInfo | null {
  if (b.length < HEADER || (b[0] !== 1 && b[0] !== 2)) return null;
  const info: CdpInfo = { capabilities: [], addresses: [] };
  let o = HEADER;
  for (let n = 0; n < MAX_TLVS && o + 4 <= b.length; n++) {
    const type = u16be(b, o);
    const len = u16be(b, o + 2);
    if (len < 4 || o + len > b.length) return null;
    const v = o + 4;
    const end = o + len;
    const text = () => ascii(b, v, Math.min(end - v, MAX_TEXT)).trim() || undefined;
    switch (type) {
      case DEVICE_ID:
        info.deviceId = text();
        break;
      case PORT_ID:
        info.portId = text();
        break;
      case SOFTWARE_VERSION: {
        // Multi-line text; the first line names the software and its release.
        let eol = v;
        while (eol < end && b[eol] !== 0x0a && b[eol] !== 0x0d) eol++;
        info.softwareVersion = ascii(b, v, Math.min(eol - v, MAX_TEXT)).trim() || undefined;
        break;
      }
      case PLATFORM:
        info.platform = text();
        break;
      case CAPABILITIES:
        if (end - v >= 4) {
          const bits = u32be(b, v);
          info.capabilities = CAPABILITY_NAMES.filter((_, bit) => bits & (1 << bit));
        }
        break;
      case ADDRESSES:
      case MANAGEMENT_ADDRESSES:
        readAddresses(b, v, end, info.addresses);
        break;
    }
    o = end;
  }
  return info;
}

function emit(info: CdpInfo, sink: DissectorSink): void {
  const facts = {
    ...(info.deviceId && { name: info.deviceId }),
    ...(info.platform && { model: info.platform }),
    ...(info.softwareVersion && { firmware: releaseOf(info.softwareVersion) }),
    ...(info.capabilities.length > 0 && { deviceType: info.capabilities.join(", ") }),
  };
  if (Object.keys(facts).length > 0) sink.identity("src", facts);
  if (!info.deviceId) return;
  sink.hostname("src", info.deviceId);
  for (const ip of new Set(info.addresses)) sink.hostname({ ip }, info.deviceId);
}

export const cdp: LinkDissector = {
  name: "cdp",
  ethertypes: [],
  snap: [0x00000c2000],
  parse(data, sink) {
    const info = parseCdp(data);
    if (info === null) sink.anomaly("bad-tlv", "not a CDP version 1/2 frame or a TLV runs past it");
    else emit(info, sink);
  },
};
