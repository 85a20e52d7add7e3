/**
 * MQTT 3.1, 3.1.1 and 5.0 over TCP 1883 (8883 is MQTT over TLS: nothing to read). A packet is a fixed header
 * (type << 4 | flags, remaining length as a 1-4 byte varint) and its variable header and payload.
 *
 * Operations, by packet type as code: client requests CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT and
 * AUTH (session or read) and PUBLISH from client to broker (write). A broker's PUBLISH to a subscriber delivers
 * data the subscriber asked for and is not counted. CONNACK, PUBACK/PUBREC (QoS 1/2), SUBACK, UNSUBACK and
 * PINGRESP answer them; a refusal return code (3.1.1) or reason code >= 0x80 (5.0) fails the request.
 *
 * Findings: credentials in CONNECT (user name masked, the password never read) are `cleartext-credentials`, a
 * broker that accepts a CONNECT without any is `other`, once per flow each; each distinct topic a client
 * publishes to or subscribes to is an `other` observation about the client, up to `MAX_TOPICS` per flow.
 */
import type { OperationCategory } from "../../model/capture.js";
import { u16be, utf8At } from "../bytes.js";
import type { Direction, Dissector, DissectorSink } from "../dissector.js";
import { TO_SERVER } from "../dissector.js";
import { maskSecret } from "./mask.js";

const CONNECT = 1;
const CONNACK = 2;
const PUBLISH = 3;
const PUBACK = 4;
const PUBREC = 5;
const PUBREL = 6;
const SUBSCRIBE = 8;
const SUBACK = 9;
const UNSUBSCRIBE = 10;
const UNSUBACK = 11;
const PINGREQ = 12;
const PINGRESP = 13;
const DISCONNECT = 14;
const AUTH = 15;

/** Distinct topics reported per flow; past it one anomaly says so. */
export const MAX_TOPICS = 64;
/** Topic text kept in an observation. */
const MAX_TOPIC_TEXT = 200;
const MAX_USER_TEXT = 256;

const limits = { maxPdu: 1 << 20, maxPending: 0 };

const REQUESTS: readonly ({ name: string; category: OperationCategory } | null)[] = [
  null,
  { name: "CONNECT", category: "session" },
  null,
  { name: "PUBLISH", category: "write" },
  null,
  null,
  null,
  null,
  { name: "SUBSCRIBE", category: "read" },
  null,
  { name: "UNSUBSCRIBE", category: "read" },
  null,
  { name: "PINGREQ", category: "session" },
  null,
  { name: "DISCONNECT", category: "session" },
  { name: "AUTH", category: "session" },
];

const SEEN_CREDENTIALS = 1;
const SEEN_ANONYMOUS = 2;
const SEEN_TOPIC_CAP = 4;

export interface MqttState {
  /** Protocol level from CONNECT: 3 (3.1), 4 (3.1.1), 5 (5.0); 4 until a CONNECT is seen. */
  version: number;
  /** Whether the last CONNECT carried a user name or a password. */
  credentials: boolean;
  seen: number;
  /** FNV-1a hashes of the topics already reported (bit 0 tells publish from subscribe). */
  topics: Uint32Array;
  topicCount: number;
}

/** Valid flags per packet type: PUBLISH any but QoS 3; PUBREL, SUBSCRIBE, UNSUBSCRIBE 0b0010; others 0. */
function validFixedHeader(byte: number): boolean {
  const type = byte >> 4;
  const flags = byte & 0x0f;
  if (type === 0) return false;
  if (type === PUBLISH) return (flags & 0x06) !== 0x06;
  if (type === PUBREL || type === SUBSCRIBE || type === UNSUBSCRIBE) return flags === 0x02;
  return flags === 0;
}

/** Scratch of readVarint: the value read. Returns the offset after the varint, -1 when incomplete, -2 when bad. */
let varint = 0;
function readVarint(b: Uint8Array, o: number, end: number): number {
  varint = 0;
  let multiplier = 1;
  for (let i = 0; i < 4; i++) {
    if (o + i >= end) return -1;
    const byte = b[o + i];
    varint += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) return o + i + 1;
    multiplier *= 128;
  }
  return -2;
}

/** Offset past the UTF-8 string / binary data (2-byte length) at o, or -1 when it does not fit. */
function skipString(b: Uint8Array, o: number, end: number): number {
  if (o + 2 > end) return -1;
  const p = o + 2 + u16be(b, o);
  return p <= end ? p : -1;
}

/** Offset past MQTT 5 properties (varint length, then the properties) at o, or -1. */
function skipProperties(b: Uint8Array, o: number, end: number): number {
  const p = readVarint(b, o, end);
  if (p < 0 || p + varint > end) return -1;
  return p + varint;
}

function fnv1a(b: Uint8Array, o: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = o; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

/** Reports the topic (b[o, end)) once per flow and kind, within MAX_TOPICS. */
function topic(
  state: MqttState,
  b: Uint8Array,
  o: number,
  end: number,
  subscribe: boolean,
  sink: DissectorSink,
): void {
  const h = ((fnv1a(b, o, end) & ~1) | (subscribe ? 1 : 0)) >>> 0;
  for (let i = 0; i < state.topicCount; i++) if (state.topics[i] === h) return;
  if (state.topicCount === MAX_TOPICS) {
    if (!(state.seen & SEEN_TOPIC_CAP)) {
      state.seen |= SEEN_TOPIC_CAP;
      sink.anomaly("mqtt-topic-cap", `more than ${MAX_TOPICS} distinct topics: the others are not reported`);
    }
    return;
  }
  state.topics[state.topicCount++] = h;
  const text = utf8At(b, o, Math.min(end - o, MAX_TOPIC_TEXT));
  sink.observe(
    "other",
    "src",
    subscribe ? `MQTT subscription to "${text}"` : `MQTT publish to topic "${text}"`,
  );
}

function packet(
  state: MqttState,
  dir: Direction,
  type: number,
  b: Uint8Array,
  o: number,
  end: number,
  sink: DissectorSink,
): void {
  const toServer = dir === TO_SERVER;
  const request = REQUESTS[type];
  if (toServer && request) sink.request(type, request.name, request.category);
  switch (type) {
    case CONNECT:
      if (toServer) connect(state, b, o, end, sink);
      return;
    case CONNACK:
      if (!toServer) connack(state, b, o, end, sink);
      return;
    case PUBLISH:
      if (toServer) {
        const p = skipString(b, o, end);
        if (p < 0) malformed(sink, "PUBLISH topic runs past the packet");
        else if (p > o + 2) topic(state, b, o + 2, p, false, sink);
      }
      return;
    case PUBACK:
    case PUBREC:
      // Only the broker's acknowledgements answer a client's PUBLISH.
      if (!toServer) sink.response(PUBLISH, state.version === 5 && end - o >= 3 && b[o + 2] >= 0x80);
      return;
    case SUBSCRIBE:
      if (toServer) subscribe(state, b, o, end, sink);
      return;
    case SUBACK:
    case UNSUBACK:
      if (!toServer) sink.response(type - 1, ackFailed(state, type, b, o, end));
      return;
    case PINGRESP:
      if (!toServer) sink.response(PINGREQ, false);
      return;
    case UNSUBSCRIBE:
    case PINGREQ:
    case DISCONNECT:
    case AUTH:
      return;
  }
}

function malformed(sink: DissectorSink, message: string): void {
  sink.anomaly("mqtt-malformed", message);
}

/** CONNECT: protocol name, level, connect flags, keep alive, [5.0 properties], client id, [will], [user], [password]. */
function connect(state: MqttState, b: Uint8Array, o: number, end: number, sink: DissectorSink): void {
  let p = skipString(b, o, end);
  if (p < 0 || p + 4 > end) {
    malformed(sink, "CONNECT variable header runs past the packet");
    return;
  }
  const level = b[p];
  const flags = b[p + 1];
  state.version = level;
  p += 4;
  if (level === 5) p = skipProperties(b, p, end);
  p = p < 0 ? -1 : skipString(b, p, end);
  if (flags & 0x04) {
    if (level === 5 && p >= 0) p = skipProperties(b, p, end);
    p = p < 0 ? -1 : skipString(b, p, end);
    p = p < 0 ? -1 : skipString(b, p, end);
  }
  const hasUser = (flags & 0x80) !== 0;
  const hasPassword = (flags & 0x40) !== 0;
  state.credentials = hasUser || hasPassword;
  if (p < 0 || (hasUser && skipString(b, p, end) < 0)) {
    malformed(sink, "CONNECT payload runs past the packet");
    return;
  }
  if (!state.credentials || state.seen & SEEN_CREDENTIALS) return;
  state.seen |= SEEN_CREDENTIALS;
  const user = hasUser ? utf8At(b, p + 2, Math.min(u16be(b, p), MAX_USER_TEXT)) : "";
  const detail = hasUser
    ? `MQTT CONNECT with user ${maskSecret(user)}${hasPassword ? " and a password" : ""}`
    : "MQTT CONNECT with a password and no user name";
  sink.observe("cleartext-credentials", "dst", detail);
}

/** CONNACK: acknowledge flags, return code (3.1.1) or reason code (5.0); non-zero refuses the connection. */
function connack(state: MqttState, b: Uint8Array, o: number, end: number, sink: DissectorSink): void {
  if (o + 2 > end) {
    malformed(sink, "CONNACK shorter than 2 bytes");
    return;
  }
  const refused = b[o + 1] !== 0;
  sink.response(CONNECT, refused);
  if (!refused && !state.credentials && !(state.seen & SEEN_ANONYMOUS)) {
    state.seen |= SEEN_ANONYMOUS;
    sink.observe("other", "src", "MQTT broker accepted a client that gave no credentials");
  }
}

/** SUBSCRIBE: packet id, [5.0 properties], then topic filters each followed by an options byte. */
function subscribe(state: MqttState, b: Uint8Array, o: number, end: number, sink: DissectorSink): void {
  let p = o + 2;
  if (state.version === 5) p = skipProperties(b, p, end);
  while (p >= 0 && p < end) {
    const q = skipString(b, p, end);
    if (q < 0 || q >= end) break;
    topic(state, b, p + 2, q, true, sink);
    p = q + 1;
  }
  if (p !== end) malformed(sink, "SUBSCRIBE topic filters run past the packet");
}

/** SUBACK/UNSUBACK: packet id, [5.0 properties], codes; 0x80 and above refuse (3.1.1 UNSUBACK has none). */
function ackFailed(state: MqttState, type: number, b: Uint8Array, o: number, end: number): boolean {
  if (type === UNSUBACK && state.version !== 5) return false;
  let p = o + 2;
  if (state.version === 5) p = skipProperties(b, p, end);
  if (p < 0) return false;
  for (; p < end; p++) if (b[p] >= 0x80) return true;
  return false;
}

export const mqtt: Dissector<MqttState> = {
  name: "mqtt",
  transport: "tcp",
  defaultPorts: [1883],
  heuristic: false,
  limits,
  probe(data, dir) {
    if (data.length < 2) return "needMore";
    if (!validFixedHeader(data[0])) return "reject";
    const p = readVarint(data, 1, data.length);
    if (p === -1) return "needMore";
    if (p < 0) return "reject";
    // A client's first packet is a CONNECT naming the protocol; mid-stream captures start anywhere.
    if (dir === TO_SERVER && data[0] >> 4 === CONNECT) {
      if (data.length < p + 8) return "needMore";
      const name = u16be(data, p);
      if (name === 4 && utf8At(data, p + 2, 4) === "MQTT") return "match";
      if (name === 6 && utf8At(data, p + 2, 6) === "MQIsdp") return "match";
      return "reject";
    }
    return "match";
  },
  newState: () => ({
    version: 4,
    credentials: false,
    seen: 0,
    topics: new Uint32Array(MAX_TOPICS),
    topicCount: 0,
  }),
  parse(state, dir, data, sink) {
    let o = 0;
    while (data.length - o >= 2) {
      if (!validFixedHeader(data[o])) {
        sink.anomaly("mqtt-bad-header", `invalid MQTT fixed header 0x${data[o].toString(16)}`);
        return -1;
      }
      const body = readVarint(data, o + 1, data.length);
      if (body === -1) break;
      if (body === -2 || varint > limits.maxPdu) {
        sink.anomaly("mqtt-bad-length", "MQTT remaining length is malformed or over the limit");
        return -1;
      }
      const end = body + varint;
      if (end > data.length) break;
      packet(state, dir, data[o] >> 4, data, body, end, sink);
      o = end;
    }
    return o;
  },
};
