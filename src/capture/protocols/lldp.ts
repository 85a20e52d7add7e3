/**
 * LLDP (IEEE 802.1AB) frames, ethertype 0x88cc: a device announces its chassis id, port, system name and
 * description, capabilities and management address. The sender's MAC gets the identity and the name; the
 * management address gets the name too. PROFINET devices often leave the system name out and put their station
 * name in a locally assigned chassis id, which then names them.
 */
import { ascii, u16be } from "../bytes.js";
import type { DissectorSink, LinkDissector } from "../dissector.js";
import { ipv4At, ipv6At } from "./ip-text.js";

const MAX_TEXT = 255;
/** TLVs read per frame; a frame of hundreds of TLVs is not an LLDP announcement. */
const MAX_TLVS = 64;

const CHASSIS_ID = 1;
const PORT_ID = 2;
const SYSTEM_NAME = 5;
const SYSTEM_DESCRIPTION = 6;
const CAPABILITIES = 7;
const MANAGEMENT_ADDRESS = 8;
/** Chassis and port id subtypes (802.1AB 8.5.2.2 and 8.5.3.2) whose value is text. */
const CHASSIS_LOCAL = 7;
const TEXT_CHASSIS = new Set([1, 2, 6, CHASSIS_LOCAL]);
const TEXT_PORT = new Set([1, 2, 5, 7]);
const CAPABILITY_NAMES = [
  "other",
  "repeater",
  "bridge",
  "WLAN access point",
  "router",
  "telephone",
  "DOCSIS cable device",
  "station",
  "C-VLAN component",
  "S-VLAN component",
  "two-port MAC relay",
];

export interface LldpInfo {
  chassisId?: string;
  /** The chassis id is locally assigned text (a station name on PROFINET devices). */
  chassisLocal: boolean;
  portId?: string;
  systemName?: string;
  systemDescription?: string;
  /** Names of the enabled capabilities. */
  capabilities: string[];
  managementAddresses: string[];
}

function macText(b: Uint8Array, o: number): string {
  let s = "";
  for (let i = 0; i < 6; i++) s += (i ? ":" : "") + b[o + i].toString(16).padStart(2, "0");
  return s;
}

/** Subtype-prefixed id: text subtypes as text, MAC subtypes (chassis 4, port 3) as a MAC. */
function idText(
  b: Uint8Array,
  v: number,
  len: number,
  text: Set<number>,
  macSubtype: number,
): string | undefined {
  if (len < 2) return undefined;
  const subtype = b[v];
  if (text.has(subtype)) return ascii(b, v + 1, Math.min(len - 1, MAX_TEXT));
  if (subtype === macSubtype && len === 7) return macText(b, v + 1);
  return undefined;
}

export function parseLldp(b: Uint8Array): LldpInfo | null {
  const info: LldpInfo = { chassisLocal: false, capabilities: [], managementAddresses: [] };
  let o = 0;
  for (let n = 0; n < MAX_TLVS && o + 2 <= b.length; n++) {
    const head = u16be(b, o);
    const type = head >> 9;
    const len = head & 0x1ff;
    const v = o + 2;
    if (type === 0) return info;
    if (v + len > b.length) return null;
    switch (type) {
      case CHASSIS_ID:
        info.chassisId = idText(b, v, len, TEXT_CHASSIS, 4);
        info.chassisLocal = len > 1 && b[v] === CHASSIS_LOCAL;
        break;
      case PORT_ID:
        info.portId = idText(b, v, len, TEXT_PORT, 3);
        break;
      case SYSTEM_NAME:
        info.systemName = ascii(b, v, Math.min(len, MAX_TEXT)).trim() || undefined;
        break;
      case SYSTEM_DESCRIPTION:
        info.systemDescription = ascii(b, v, Math.min(len, MAX_TEXT)).trim() || undefined;
        break;
      case CAPABILITIES:
        if (len >= 4) {
          const enabled = u16be(b, v + 2);
          info.capabilities = CAPABILITY_NAMES.filter((_, bit) => enabled & (1 << bit));
        }
        break;
      case MANAGEMENT_ADDRESS: {
        // Address string length (subtype byte included), IANA address family, address.
        const alen = len >= 2 ? b[v] : 0;
        if (alen === 5 && b[v + 1] === 1) info.managementAddresses.push(ipv4At(b, v + 2));
        else if (alen === 17 && b[v + 1] === 2 && len >= 18) info.managementAddresses.push(ipv6At(b, v + 2));
        break;
      }
    }
    o = v + len;
  }
  return info;
}

function emit(info: LldpInfo, sink: DissectorSink): void {
  const name = info.systemName ?? (info.chassisLocal ? info.chassisId : undefined);
  const facts = {
    ...(name && { name }),
    ...(info.systemDescription && { product: info.systemDescription }),
    ...(info.capabilities.length > 0 && { deviceType: info.capabilities.join(", ") }),
  };
  if (Object.keys(facts).length > 0) sink.identity("src", facts);
  if (!name) return;
  sink.hostname("src", name);
  for (const ip of info.managementAddresses) if (ip !== "0.0.0.0" && ip !== "::") sink.hostname({ ip }, name);
}

export const lldp: LinkDissector = {
  name: "lldp",
  ethertypes: [0x88cc],
  parse(data, sink) {
    const info = parseLldp(data);
    if (info === null) sink.anomaly("bad-tlv", "LLDP TLV runs past the frame");
    else emit(info, sink);
  },
};
