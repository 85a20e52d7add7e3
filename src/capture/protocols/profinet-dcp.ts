/**
 * PROFINET DCP (IEC 61158-6-10), ethertype 0x8892 with FrameID 0xFEFC (Hello), 0xFEFD (Get/Set), 0xFEFE
 * (Identify multicast request) or 0xFEFF (Identify response); other FrameIDs are cyclic real-time I/O, alarms
 * and PTCP, ignored here. After the FrameID: service id, service type, Xid (4), response delay / reserved (2),
 * data length (2), then blocks of option, suboption, block length and value, each padded to an even length.
 * A response or Hello block starts its value with 2 bytes of BlockInfo, a Set block with 2 bytes of
 * BlockQualifier; an Identify request block is a filter and a Get request lists option/suboption pairs.
 *
 * Operations (protocol `profinet`, code = DCP service id): Get 3 (read), Set 4 (write), Identify 5 (identify),
 * Hello 6 (identify).
 * Identify responses and Hellos describe their sender (station name, type of station, vendor/device id, role,
 * IP suite). A Set of the station name or IP suite, a factory reset, or a reset to factory settings changes
 * the device without any authentication: an `unauthenticated-control` observation about the target.
 */
import type { IdentityFacts } from "../../model/capture.js";
import { ascii, u16be } from "../bytes.js";
import type { DissectorSink, LinkDissector } from "../dissector.js";
import { ipv4At } from "./ip-text.js";

const FRAME_HELLO = 0xfefc;
const FRAME_GET_SET = 0xfefd;
const FRAME_IDENTIFY_RESPONSE = 0xfeff;
const SERVICE_SET = 4;
const SERVICE_IDENTIFY = 5;
const SERVICE_HELLO = 6;
const TYPE_REQUEST = 0;
/** Service type 5: "response: request not supported". */
const TYPE_NOT_SUPPORTED = 5;
const HEADER = 12;

const OPT_IP = 1;
const OPT_DEVICE = 2;
const OPT_CONTROL = 5;
const SUB_IP_PARAMETER = 2;
const SUB_IP_SUITE = 3;
const SUB_TYPE_OF_STATION = 1;
const SUB_NAME_OF_STATION = 2;
const SUB_DEVICE_ID = 3;
const SUB_DEVICE_ROLE = 4;
const SUB_CONTROL_RESPONSE = 4;
const SUB_FACTORY_RESET = 5;
const SUB_RESET_TO_FACTORY = 6;
const MAX_TEXT = 240;

/** PROFINET vendor ids (PI registry) we name; others are reported by number. */
const VENDORS: ReadonlyMap<number, string> = new Map([[0x002a, "Siemens AG"]]);

const SERVICES: readonly ({ name: string; category: "read" | "write" | "identify" } | null)[] = [
  null,
  null,
  null,
  { name: "DCP Get", category: "read" },
  { name: "DCP Set", category: "write" },
  { name: "DCP Identify", category: "identify" },
  { name: "DCP Hello", category: "identify" },
];

function hex4(n: number): string {
  return `0x${n.toString(16).padStart(4, "0")}`;
}

function role(bits: number): string | undefined {
  const roles: string[] = [];
  if (bits & 0x01) roles.push("IO-Device");
  if (bits & 0x02) roles.push("IO-Controller");
  if (bits & 0x04) roles.push("IO-Multidevice");
  if (bits & 0x08) roles.push("PN-Supervisor");
  return roles.length > 0 ? roles.join(", ") : undefined;
}

/** Parses one PROFINET frame starting at its FrameID. */
export function parseProfinetDcp(b: Uint8Array, sink: DissectorSink): void {
  if (b.length < 2) return;
  const frameId = u16be(b, 0);
  if (frameId < FRAME_HELLO || frameId > FRAME_IDENTIFY_RESPONSE) return;
  if (b.length < HEADER) {
    sink.anomaly("dcp-truncated", "DCP header cut short");
    return;
  }
  const service = b[2];
  const type = b[3];
  const end = Math.min(b.length, HEADER + u16be(b, 10));
  const svc = SERVICES[service];
  if (!svc) {
    sink.anomaly("dcp-unknown-service", `unknown DCP service id ${service}`);
    return;
  }
  const isRequest = type === TYPE_REQUEST;
  if (isRequest) sink.request(service, svc.name, svc.category);
  else sink.response(service, type === TYPE_NOT_SUPPORTED || controlFailed(b, end));
  if (isRequest && service === SERVICE_SET && frameId === FRAME_GET_SET) setRequest(b, end, sink);
  else if ((!isRequest && service === SERVICE_IDENTIFY) || service === SERVICE_HELLO) describe(b, end, sink);
}

/** A Set response carries Control/Response blocks: option, suboption, and an error code (0 is success). */
function controlFailed(b: Uint8Array, end: number): boolean {
  for (let p = HEADER; p + 4 <= end; ) {
    const len = u16be(b, p + 2);
    if (
      b[p] === OPT_CONTROL &&
      b[p + 1] === SUB_CONTROL_RESPONSE &&
      len >= 3 &&
      p + 7 <= end &&
      b[p + 6] !== 0
    )
      return true;
    p += 4 + len + (len & 1);
  }
  return false;
}

/** Identify response or Hello: the blocks describe the sender. */
function describe(b: Uint8Array, end: number, sink: DissectorSink): void {
  const facts: IdentityFacts = {};
  let name: string | undefined;
  let ip: string | undefined;
  let p = HEADER;
  while (p + 4 <= end) {
    const option = b[p];
    const sub = b[p + 1];
    const len = u16be(b, p + 2);
    const v = p + 6;
    const vEnd = p + 4 + len;
    if (vEnd > end || len < 2) {
      sink.anomaly("dcp-bad-block", "DCP block runs past the frame");
      break;
    }
    if (option === OPT_DEVICE) {
      if (sub === SUB_NAME_OF_STATION && vEnd > v) name = text(b, v, vEnd);
      else if (sub === SUB_TYPE_OF_STATION && vEnd > v) facts.product = text(b, v, vEnd);
      else if (sub === SUB_DEVICE_ID && vEnd - v >= 4) {
        const vendor = u16be(b, v);
        facts.vendor = VENDORS.get(vendor) ?? `PROFINET vendor ${hex4(vendor)}`;
        facts.model = `PROFINET device ${hex4(vendor)}/${hex4(u16be(b, v + 2))}`;
      } else if (sub === SUB_DEVICE_ROLE && vEnd - v >= 1) {
        const r = role(b[v]);
        if (r) facts.deviceType = r;
      }
    } else if (option === OPT_IP && (sub === SUB_IP_PARAMETER || sub === SUB_IP_SUITE) && vEnd - v >= 12) {
      ip = ipv4At(b, v);
    }
    p = vEnd + (len & 1);
  }
  if (name) {
    facts.name = name;
    sink.hostname("src", name);
    if (ip && ip !== "0.0.0.0") sink.hostname({ ip }, name);
  }
  if (Object.keys(facts).length > 0) sink.identity("src", facts);
}

/** Set request: each block's value starts with a 2-byte BlockQualifier. */
function setRequest(b: Uint8Array, end: number, sink: DissectorSink): void {
  let p = HEADER;
  while (p + 4 <= end) {
    const option = b[p];
    const sub = b[p + 1];
    const len = u16be(b, p + 2);
    const v = p + 6;
    const vEnd = p + 4 + len;
    if (vEnd > end || len < 2) {
      sink.anomaly("dcp-bad-block", "DCP block runs past the frame");
      return;
    }
    const change = setChange(b, option, sub, v, vEnd);
    if (change) sink.observe("unauthenticated-control", "dst", `PROFINET DCP Set ${change}`);
    p = vEnd + (len & 1);
  }
}

function setChange(b: Uint8Array, option: number, sub: number, v: number, vEnd: number): string | null {
  if (option === OPT_DEVICE && sub === SUB_NAME_OF_STATION) return `NameOfStation "${text(b, v, vEnd)}"`;
  if (option === OPT_IP && (sub === SUB_IP_PARAMETER || sub === SUB_IP_SUITE) && vEnd - v >= 12)
    return `IP ${ipv4At(b, v)} mask ${ipv4At(b, v + 4)} gateway ${ipv4At(b, v + 8)}`;
  if (option === OPT_CONTROL && sub === SUB_FACTORY_RESET) return "factory reset";
  if (option === OPT_CONTROL && sub === SUB_RESET_TO_FACTORY) return "reset to factory settings";
  return null;
}

function text(b: Uint8Array, o: number, end: number): string {
  return ascii(b, o, Math.min(end - o, MAX_TEXT));
}

export const profinetDcp: LinkDissector = {
  // Named for the ethertype: the flows it labels also carry PROFINET's cyclic I/O, which only DCP is parsed of.
  name: "profinet",
  ethertypes: [0x8892],
  parse: parseProfinetDcp,
};
