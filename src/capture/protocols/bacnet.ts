/**
 * BACnet/IP (ASHRAE 135 Annex J) on UDP 47808: BVLC header (type 0x81, function, length), NPDU (version 1,
 * control, optional DNET/DADR, SNET/SADR and hop count, or a network layer message) and APDU.
 *
 * Requests are the confirmed and unconfirmed service requests (codes in bacnet-names.ts) and the BVLC management
 * functions; SimpleACK, ComplexACK and Error carry the service choice they answer, Reject and Abort only the
 * invoke id, so the flow remembers the choice per requester and invoke id. A segmented request or ComplexACK
 * counts on its first segment only; later segments and SegmentACKs are flow control.
 *
 * Identity (I-Am vendor and device instance, ReadProperty of the device's name, model, vendor and firmware) is
 * only taken from messages the sender originated: one relayed by a router (SNET present) or a BBMD
 * (Forwarded-NPDU) comes from another device than the IP source. Network layer messages are routing traffic and
 * are not counted.
 */
import type { ObservationKind } from "../../model/capture.js";
import { u16be, utf8At } from "../bytes.js";
import type { Direction, Dissector, DissectorSink } from "../dissector.js";
import {
  BVLC_BASE,
  bacnetVendorName,
  bvlcRequest,
  confirmedService,
  UNCONFIRMED_BASE,
  unconfirmedService,
} from "./bacnet-names.js";
import { maskSecret } from "./mask.js";

const BVLC_TYPE = 0x81;
const BVLC_RESULT = 0x00;
const BVLC_READ_BDT_ACK = 0x03;
const BVLC_FORWARDED = 0x04;
const BVLC_READ_FDT_ACK = 0x07;
const BVLC_DISTRIBUTE = 0x09;
const BVLC_UNICAST = 0x0a;
const BVLC_BROADCAST = 0x0b;
const BVLC_LAST = 0x0c;

const PDU_CONFIRMED = 0;
const PDU_UNCONFIRMED = 1;
const PDU_SIMPLE_ACK = 2;
const PDU_COMPLEX_ACK = 3;
const PDU_SEGMENT_ACK = 4;
const PDU_ERROR = 5;
const PDU_REJECT = 6;
const PDU_ABORT = 7;

const SERVICE_ATOMIC_WRITE_FILE = 7;
const SERVICE_READ_PROPERTY = 12;
const SERVICE_DCC = 17;
const SERVICE_REINITIALIZE = 20;
const SERVICE_I_AM = 0;
const OBJECT_DEVICE = 8;
const PROP_FIRMWARE = 44;
const PROP_MODEL_NAME = 70;
const PROP_OBJECT_NAME = 77;
const PROP_VENDOR_NAME = 121;
/** Device names and versions are short; longer strings are cut. */
const MAX_TEXT = 128;
const NO_REQUEST = -1;

const limits = { maxPdu: 1500, maxPending: 512 };

/** Observation kinds reported once per flow, by bit. */
const OBSERVED_BITS: Partial<Record<ObservationKind, number>> = {
  "cleartext-credentials": 1,
  "controller-restart": 2,
  "program-download": 4,
  "program-upload": 8,
  other: 16,
};
/** Bit of `observed` set once the BVLC length mismatch has been reported. */
const LENGTH_MISMATCH = 1 << 8;

export interface BacnetState {
  /** Service choice of the outstanding confirmed request per requester direction and invoke id (256 each). */
  pending: Int16Array;
  /** The BVLC management request a BVLC-Result would answer. */
  lastBvlc: number;
  /** Observation kinds (and the length-mismatch anomaly) already reported for this flow, by bit. */
  observed: number;
}

/** Scratch of the last tag read by readTag: BACnet tags are read without allocating. */
let tagNumber = 0;
let tagContext = false;
let tagLength = 0;
let tagOpening = false;
let tagClosing = false;

/** Reads the tag at b[o]; returns the offset of its value, or -1 when it does not fit before `end`. */
function readTag(b: Uint8Array, o: number, end: number): number {
  if (o >= end) return -1;
  const t = b[o];
  let p = o + 1;
  tagNumber = t >> 4;
  tagContext = (t & 0x08) !== 0;
  if (tagNumber === 15) {
    if (p >= end) return -1;
    tagNumber = b[p++];
  }
  const lvt = t & 0x07;
  tagOpening = tagContext && lvt === 6;
  tagClosing = tagContext && lvt === 7;
  if (tagOpening || tagClosing) {
    tagLength = 0;
    return p;
  }
  if (!tagContext && tagNumber === 1) {
    // Application Boolean: the value is in the length field.
    tagLength = 0;
    return p;
  }
  if (lvt < 5) tagLength = lvt;
  else {
    if (p >= end) return -1;
    const ext = b[p++];
    if (ext === 254) {
      if (p + 2 > end) return -1;
      tagLength = u16be(b, p);
      p += 2;
    } else if (ext === 255) return -1;
    else tagLength = ext;
  }
  return p + tagLength <= end ? p : -1;
}

/** Whether the last tag read is application tag `n` (a function, so that type narrowing never goes stale). */
function isApplication(n: number): boolean {
  return !tagContext && tagNumber === n;
}

/** Whether the last tag read is context tag `n` with a value (not an opening or closing tag). */
function isContext(n: number): boolean {
  return tagContext && !tagOpening && !tagClosing && tagNumber === n;
}

function isOpening(n: number): boolean {
  return tagOpening && tagNumber === n;
}

function unsigned(b: Uint8Array, o: number, len: number): number {
  let v = 0;
  for (let i = 0; i < len && i < 4; i++) v = v * 256 + b[o + i];
  return v;
}

/** A CharacterString value at b[o, o + len): ANSI X3.4/UTF-8 (set 0) is decoded, other sets are not. */
function characterString(b: Uint8Array, o: number, len: number): string | null {
  if (len < 1 || b[o] !== 0) return null;
  return utf8At(b, o + 1, Math.min(len - 1, MAX_TEXT));
}

function observeOnce(state: BacnetState, sink: DissectorSink, kind: ObservationKind, detail: string): void {
  const bit = OBSERVED_BITS[kind] ?? 0;
  if (state.observed & bit) return;
  state.observed |= bit;
  sink.observe(kind, "dst", detail);
}

/** Parses one BVLL datagram. */
export function parseBacnet(state: BacnetState, dir: Direction, b: Uint8Array, sink: DissectorSink): void {
  if (b.length < 4 || b[0] !== BVLC_TYPE) {
    sink.anomaly("bacnet-bad-bvlc", "not a BACnet/IP BVLC header");
    return;
  }
  const fn = b[1];
  // The datagram bounds the message: some stacks send a stale BVLC length, which Wireshark and Zeek also
  // tolerate. The mismatch is reported once per flow.
  const length = b.length;
  if (u16be(b, 2) !== length && !(state.observed & LENGTH_MISMATCH)) {
    state.observed |= LENGTH_MISMATCH;
    sink.anomaly("bacnet-length-mismatch", `BVLC length ${u16be(b, 2)} in a ${length}-byte datagram`);
  }
  switch (fn) {
    case BVLC_UNICAST:
    case BVLC_BROADCAST:
    case BVLC_DISTRIBUTE:
      npdu(state, dir, b, 4, length, true, sink);
      return;
    case BVLC_FORWARDED:
      if (length < 10)
        sink.anomaly("bacnet-bad-length", "Forwarded-NPDU without its original source address");
      else npdu(state, dir, b, 10, length, false, sink);
      return;
    case BVLC_RESULT:
      bvlcResult(state, b, length, sink);
      return;
    case BVLC_READ_BDT_ACK:
    case BVLC_READ_FDT_ACK:
      sink.response(BVLC_BASE + fn - 1, false);
      return;
  }
  const request = bvlcRequest(fn);
  if (request) {
    sink.request(BVLC_BASE + fn, request.name, request.category);
    state.lastBvlc = BVLC_BASE + fn;
  } else if (fn > BVLC_LAST)
    sink.anomaly("bacnet-unknown-bvlc", `unknown BVLC function 0x${fn.toString(16)}`);
}

/** BVLC-Result: 0 acknowledges the last management request; a NAK code (0x10-0x50) names the one it refuses. */
function bvlcResult(state: BacnetState, b: Uint8Array, length: number, sink: DissectorSink): void {
  if (length < 6) {
    sink.anomaly("bacnet-bad-length", "BVLC-Result without its result code");
    return;
  }
  const result = u16be(b, 4);
  const refused = [0, 0x01, 0x02, 0x05, 0x06, 0x08][result >> 4];
  if (result === 0) {
    if (state.lastBvlc !== NO_REQUEST) sink.response(state.lastBvlc, false);
  } else if (refused) sink.response(BVLC_BASE + refused, true);
  state.lastBvlc = NO_REQUEST;
}

function npdu(
  state: BacnetState,
  dir: Direction,
  b: Uint8Array,
  o: number,
  end: number,
  direct: boolean,
  sink: DissectorSink,
): void {
  if (o + 2 > end || b[o] !== 1) {
    sink.anomaly("bacnet-bad-npdu", "NPDU version is not 1 or the NPDU is empty");
    return;
  }
  const control = b[o + 1];
  let p = o + 2;
  if (control & 0x20) {
    if (p + 3 > end) {
      truncated(sink);
      return;
    }
    p += 3 + b[p + 2];
  }
  let originated = direct;
  if (control & 0x08) {
    if (p + 3 > end) {
      truncated(sink);
      return;
    }
    p += 3 + b[p + 2];
    originated = false;
  }
  if (control & 0x20) p += 1;
  if (control & 0x80) return;
  if (p >= end) {
    truncated(sink);
    return;
  }
  apdu(state, dir, b, p, end, originated, sink);
}

function truncated(sink: DissectorSink): void {
  sink.anomaly("bacnet-truncated", "BACnet message shorter than its headers");
}

function apdu(
  state: BacnetState,
  dir: Direction,
  b: Uint8Array,
  o: number,
  end: number,
  originated: boolean,
  sink: DissectorSink,
): void {
  const type = b[o] >> 4;
  const segmented = (b[o] & 0x08) !== 0;
  switch (type) {
    case PDU_CONFIRMED: {
      const head = segmented ? 5 : 3;
      if (o + head + 1 > end) {
        truncated(sink);
        return;
      }
      // Later segments repeat the service choice: the request is counted on segment 0.
      if (segmented && b[o + 3] !== 0) return;
      const choice = b[o + head];
      const svc = confirmedService(choice);
      sink.request(choice, svc.name, svc.category);
      state.pending[dir * 256 + b[o + 2]] = choice;
      confirmedRequest(state, choice, b, o + head + 1, end, sink);
      return;
    }
    case PDU_UNCONFIRMED: {
      if (o + 2 > end) {
        truncated(sink);
        return;
      }
      const choice = b[o + 1];
      const svc = unconfirmedService(choice);
      sink.request(UNCONFIRMED_BASE + choice, svc.name, svc.category);
      if (choice === SERVICE_I_AM && originated) iAm(b, o + 2, end, sink);
      return;
    }
    case PDU_SIMPLE_ACK:
    case PDU_ERROR:
      if (o + 3 > end) {
        truncated(sink);
        return;
      }
      answer(state, dir, b[o + 1]);
      sink.response(b[o + 2], type === PDU_ERROR);
      return;
    case PDU_COMPLEX_ACK: {
      const head = segmented ? 4 : 2;
      if (o + head + 1 > end) {
        truncated(sink);
        return;
      }
      if (segmented && b[o + 2] !== 0) return;
      answer(state, dir, b[o + 1]);
      const choice = b[o + head];
      sink.response(choice, false);
      if (choice === SERVICE_READ_PROPERTY && originated && !segmented)
        readPropertyAck(b, o + head + 1, end, sink);
      return;
    }
    case PDU_SEGMENT_ACK:
      return;
    case PDU_REJECT:
    case PDU_ABORT: {
      if (o + 3 > end) {
        truncated(sink);
        return;
      }
      // An Abort from the client (SRV bit clear) cancels its own request; everything else answers the peer's.
      const requester = type === PDU_ABORT && (b[o] & 0x01) === 0 ? dir : 1 - dir;
      const i = requester * 256 + b[o + 1];
      if (state.pending[i] !== NO_REQUEST) sink.response(state.pending[i], true);
      state.pending[i] = NO_REQUEST;
      return;
    }
    default:
      sink.anomaly("bacnet-unknown-pdu", `unknown APDU type ${type}`);
  }
}

/** Forgets the request a reply from `dir` answers (it was sent from the other direction). */
function answer(state: BacnetState, dir: Direction, invokeId: number): void {
  state.pending[(1 - dir) * 256 + invokeId] = NO_REQUEST;
}

/** Security-relevant confirmed requests: restarts, backups and restores, file writes, passwords in clear. */
function confirmedRequest(
  state: BacnetState,
  choice: number,
  b: Uint8Array,
  o: number,
  end: number,
  sink: DissectorSink,
): void {
  if (choice === SERVICE_ATOMIC_WRITE_FILE) {
    observeOnce(state, sink, "program-download", "BACnet AtomicWriteFile to the device");
    return;
  }
  if (choice !== SERVICE_REINITIALIZE && choice !== SERVICE_DCC) return;
  const passwordTag = choice === SERVICE_REINITIALIZE ? 1 : 2;
  const name = choice === SERVICE_REINITIALIZE ? "ReinitializeDevice" : "DeviceCommunicationControl";
  let p = o;
  while (p < end) {
    const v = readTag(b, p, end);
    if (v < 0) {
      truncated(sink);
      return;
    }
    if (isContext(0) && choice === SERVICE_REINITIALIZE)
      reinitialized(state, unsigned(b, v, tagLength), sink);
    if (isContext(1) && choice === SERVICE_DCC && unsigned(b, v, tagLength) !== 0)
      observeOnce(
        state,
        sink,
        "other",
        "BACnet DeviceCommunicationControl disables the device's communication",
      );
    if (isContext(passwordTag)) {
      const password = characterString(b, v, tagLength);
      if (password !== null)
        observeOnce(
          state,
          sink,
          "cleartext-credentials",
          `BACnet ${name} password in clear: ${maskSecret(password)}`,
        );
    }
    p = v + tagLength;
  }
}

/** reinitializedStateOfDevice: 0 coldstart, 1 warmstart, 2 startbackup, 4 startrestore (others end a procedure). */
function reinitialized(state: BacnetState, value: number, sink: DissectorSink): void {
  if (value === 0 || value === 1)
    observeOnce(
      state,
      sink,
      "controller-restart",
      `BACnet ReinitializeDevice ${value === 0 ? "coldstart" : "warmstart"}`,
    );
  else if (value === 2) observeOnce(state, sink, "program-upload", "BACnet ReinitializeDevice startbackup");
  else if (value === 4)
    observeOnce(state, sink, "program-download", "BACnet ReinitializeDevice startrestore");
}

/** I-Am: device object identifier, max APDU length, segmentation support, vendor id (all application tags). */
function iAm(b: Uint8Array, o: number, end: number, sink: DissectorSink): void {
  let p = readTag(b, o, end);
  if (p < 0 || !isApplication(12) || tagLength !== 4) {
    truncated(sink);
    return;
  }
  const instance = ((b[p + 1] & 0x3f) << 16) | (b[p + 2] << 8) | b[p + 3];
  p += 4;
  for (let i = 0; i < 2; i++) {
    const v = readTag(b, p, end);
    if (v < 0) {
      truncated(sink);
      return;
    }
    p = v + tagLength;
  }
  const v = readTag(b, p, end);
  if (v < 0 || !isApplication(2)) {
    truncated(sink);
    return;
  }
  sink.identity("src", {
    vendor: bacnetVendorName(unsigned(b, v, tagLength)),
    name: `BACnet device ${instance}`,
  });
}

/**
 * ReadProperty-ACK: objectIdentifier [0], propertyIdentifier [1], optional arrayIndex [2], value in [3].
 * Names and versions of the device object describe the sender.
 */
function readPropertyAck(b: Uint8Array, o: number, end: number, sink: DissectorSink): void {
  let p = readTag(b, o, end);
  if (p < 0 || !isContext(0) || tagLength !== 4) return;
  // Object identifier: object type in the top 10 bits, instance in the low 22.
  if (((b[p] << 2) | (b[p + 1] >> 6)) !== OBJECT_DEVICE) return;
  p = readTag(b, p + 4, end);
  if (p < 0 || !isContext(1)) return;
  const property = unsigned(b, p, tagLength);
  if (
    property !== PROP_OBJECT_NAME &&
    property !== PROP_MODEL_NAME &&
    property !== PROP_VENDOR_NAME &&
    property !== PROP_FIRMWARE
  )
    return;
  p = readTag(b, p + tagLength, end);
  if (p >= 0 && isContext(2)) p = readTag(b, p + tagLength, end);
  if (p < 0 || !isOpening(3)) return;
  const v = readTag(b, p, end);
  if (v < 0 || !isApplication(7)) return;
  const text = characterString(b, v, tagLength);
  if (!text) return;
  if (property === PROP_OBJECT_NAME) sink.hostname("src", text);
  else if (property === PROP_MODEL_NAME) sink.identity("src", { model: text });
  else if (property === PROP_VENDOR_NAME) sink.identity("src", { vendor: text });
  else sink.identity("src", { firmware: text });
}

function newState(): BacnetState {
  return { pending: new Int16Array(512).fill(NO_REQUEST), lastBvlc: NO_REQUEST, observed: 0 };
}

export const bacnet: Dissector<BacnetState> = {
  name: "bacnet",
  transport: "udp",
  defaultPorts: [47808],
  heuristic: true,
  limits,
  probe(data) {
    // Whole datagram: BVLC type and a known function; then either a BVLC length equal to the datagram, or an
    // NPDU of version 1 whose control byte has its reserved bits clear (for stacks with a stale BVLC length).
    if (data.length < 4 || data[0] !== BVLC_TYPE || data[1] > BVLC_LAST) return "reject";
    const fn = data[1];
    const npduAt = fn === BVLC_FORWARDED ? 10 : fn >= BVLC_DISTRIBUTE && fn <= BVLC_BROADCAST ? 4 : -1;
    if (npduAt >= 0 && (data.length < npduAt + 2 || data[npduAt] !== 1)) return "reject";
    if (u16be(data, 2) === data.length) return "match";
    return npduAt >= 0 && (data[npduAt + 1] & 0x50) === 0 ? "match" : "reject";
  },
  newState,
  parse(state, dir, data, sink) {
    parseBacnet(state, dir, data, sink);
    return data.length;
  },
};
