/**
 * Every dissector of src/capture/protocols/, one target each, fed as the framework feeds it (see
 * src/capture/dissector.ts): a flow's PDUs in both directions, TCP ones cut into pieces and held until
 * consumed, with gaps, or UDP datagrams one by one. Contract: probe and parse never throw; probe answers one of
 * its three values; a TCP parse returns an integer from -1 to the bytes given; every event the sink receives
 * is well-formed (the report's model would refuse it otherwise). Seeds are the PDUs the framework delivered to
 * each dissector from the corpus captures and the example plant's capture.
 */
import type {
  Direction,
  Dissector,
  DissectorSink,
  LinkDissector,
  Party,
} from "../../src/capture/dissector.js";
import { DISSECTORS, LINK_DISSECTORS } from "../../src/capture/protocols/index.js";
import {
  IdentityFacts,
  OBSERVATION_KINDS,
  type ObservationKind,
  OPERATION_CATEGORIES,
  type OperationCategory,
} from "../../src/model/capture.js";
import { broken, type FuzzTarget } from "../target.js";

export type AnyDissector = Dissector<unknown>;
export type Pdu = { dir: Direction; bytes: Uint8Array };

export const MAX_LEN = 16 * 1024;
const SOURCES = ["src/capture/protocols/"];
const CATEGORIES = new Set<string>(OPERATION_CATEGORIES);
const KINDS = new Set<string>(OBSERVATION_KINDS);

/** A sink that refuses malformed events and remembers `done`. */
class CheckingSink implements DissectorSink {
  frame = 1;
  finished = false;
  constructor(private readonly name: string) {}
  request(code: number, name: string, category: OperationCategory): void {
    if (!Number.isFinite(code)) broken(`${this.name}: request code ${code}`);
    if (typeof name !== "string") broken(`${this.name}: request name ${String(name)}`);
    if (!CATEGORIES.has(category)) broken(`${this.name}: request category ${String(category)}`);
  }
  response(code: number, failed: boolean): void {
    if (!Number.isFinite(code) || typeof failed !== "boolean")
      broken(`${this.name}: response ${code} ${failed}`);
  }
  identity(party: Party, facts: IdentityFacts): void {
    this.party(party);
    const r = IdentityFacts.safeParse(facts);
    if (!r.success) broken(`${this.name}: identity ${JSON.stringify(facts)}: ${r.error.issues[0]?.message}`);
  }
  hostname(party: Party | { ip: string }, name: string): void {
    if (typeof party === "object") {
      if (typeof party?.ip !== "string") broken(`${this.name}: hostname for ${JSON.stringify(party)}`);
    } else this.party(party);
    if (typeof name !== "string") broken(`${this.name}: hostname ${String(name)}`);
  }
  observe(kind: ObservationKind, party: Party, detail: string): void {
    if (!KINDS.has(kind)) broken(`${this.name}: observation kind ${String(kind)}`);
    this.party(party);
    if (typeof detail !== "string") broken(`${this.name}: observation detail ${String(detail)}`);
  }
  anomaly(code: string, message: string): void {
    if (typeof code !== "string" || code === "" || typeof message !== "string")
      broken(`${this.name}: anomaly ${String(code)} ${String(message)}`);
  }
  done(): void {
    this.finished = true;
  }
  private party(p: Party): void {
    if (p !== "src" && p !== "dst") broken(`${this.name}: party ${String(p)}`);
  }
}

/**
 * The input: one flags byte (bit 0: UDP, for a dissector of both transports), then records of a header byte
 * (bit 0: direction; bit 1: a gap before it; bits 2-7: the TCP piece size, 0 for the record whole), a 16-bit
 * big-endian length and the bytes. Any byte string decodes; a length past the end takes what is left.
 */
export function decodeFlow(input: Uint8Array): {
  udp: boolean;
  records: (Pdu & { gap: boolean; piece: number })[];
} {
  const records: (Pdu & { gap: boolean; piece: number })[] = [];
  let o = 1;
  while (o + 3 <= input.length) {
    const h = input[o]!;
    const len = Math.min((input[o + 1]! << 8) | input[o + 2]!, input.length - o - 3);
    records.push({
      dir: (h & 1) as Direction,
      gap: (h & 2) !== 0,
      piece: h >> 2,
      bytes: input.subarray(o + 3, o + 3 + len),
    });
    o += 3 + len;
  }
  return { udp: input.length > 0 && (input[0]! & 1) === 1, records };
}

export function encodeFlow(udp: boolean, pdus: readonly Pdu[]): Uint8Array {
  const parts: number[] = [udp ? 1 : 0];
  for (const { dir, bytes } of pdus) {
    const n = Math.min(bytes.length, 0xffff);
    parts.push(dir, n >> 8, n & 0xff, ...bytes.subarray(0, n));
  }
  return Uint8Array.from(parts);
}

function checkProbe(d: AnyDissector, data: Uint8Array, dir: Direction): void {
  const r = d.probe(data, dir);
  if (r !== "match" && r !== "needMore" && r !== "reject") broken(`${d.name}: probe returned ${String(r)}`);
}

/** Feeds the flow as the framework does (analyzer.ts consume/overflow/gap). */
function runFlow(d: AnyDissector, input: Uint8Array): void {
  const { udp: udpFlag, records } = decodeFlow(input);
  const udp = d.transport === "udp" || (d.transport === "both" && udpFlag);
  const sink = new CheckingSink(d.name);
  const state = d.newState();
  const held: Uint8Array[] = [new Uint8Array(0), new Uint8Array(0)];
  const stopped = [false, false];
  for (const r of records) {
    if (sink.finished) break;
    sink.frame++;
    checkProbe(d, r.bytes, r.dir);
    if (udp) {
      d.parse(state, r.dir, r.bytes, sink);
      continue;
    }
    if (stopped[r.dir]) continue;
    if (r.gap) {
      held[r.dir] = new Uint8Array(0);
      d.gap?.(state, r.dir);
    }
    const step = r.piece === 0 ? Math.max(1, r.bytes.length) : r.piece;
    for (let o = 0; o < r.bytes.length && !sink.finished && !stopped[r.dir]; o += step) {
      const piece = r.bytes.subarray(o, o + step);
      let data = new Uint8Array(held[r.dir]!.length + piece.length);
      data.set(held[r.dir]!);
      data.set(piece, held[r.dir]!.length);
      while (data.length > 0 && !sink.finished) {
        const n = d.parse(state, r.dir, data, sink);
        if (!Number.isInteger(n) || n < -1 || n > data.length)
          broken(`${d.name}: parse returned ${n} for ${data.length} bytes`);
        if (n === -1) stopped[r.dir] = true;
        if (n <= 0) break;
        data = data.subarray(n);
      }
      if (data.length > d.limits.maxPdu) {
        // The framework drops what outgrew the limit and calls it a gap.
        data = new Uint8Array(0);
        d.gap?.(state, r.dir);
      }
      held[r.dir] = data.slice();
    }
  }
}

const protocolWords = (d: { name: string }): string[] => WORDS[d.name] ?? [];

/** Tokens of the text protocols and magic values of the binary ones. */
const WORDS: Record<string, string[]> = {
  http: [
    "GET / HTTP/1.1\r\n",
    "POST ",
    "HTTP/1.1 200 OK\r\n",
    "Host: ",
    "Server: ",
    "User-Agent: ",
    "Authorization: Basic dXNlcjpwYXNz\r\n",
    "Content-Length: ",
    "Transfer-Encoding: chunked\r\n",
    "\r\n\r\n",
    "0\r\n\r\n",
    "Cookie: ",
  ],
  ftp: [
    "USER admin\r\n",
    "PASS secret\r\n",
    "220 ",
    "230 ",
    "331 ",
    "530 ",
    "STOR ",
    "RETR ",
    "AUTH TLS\r\n",
    "234 ",
  ],
  telnet: ["\xff\xfb\x01", "\xff\xfd\x18", "login: ", "Password: ", "\r\n"],
  ssh: ["SSH-2.0-OpenSSH_8.9\r\n", "SSH-1.99-", "SSH-2.0-"],
  vnc: ["RFB 003.008\n", "RFB 003.003\n"],
  mqtt: ["MQTT", "MQIsdp"],
  rdp: ["Cookie: mstshash=admin\r\n"],
  teamviewer: ["\x17\x24", "\x11\x30"],
};

/** A token of bytes: each character one byte (latin-1), as the protocols write them. */
const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

function dissectorTarget(d: AnyDissector): FuzzTarget {
  // Two dissectors share a name when one protocol runs over both transports apart (DNS).
  const twin = DISSECTORS.some(
    (o) => o !== d && o.name === d.name && DISSECTORS.indexOf(o) < DISSECTORS.indexOf(d),
  );
  return {
    name: `dissector-${d.name}${twin ? `-${d.transport}` : ""}`,
    sources: SOURCES,
    maxLen: MAX_LEN,
    dictionary: protocolWords(d).map(bytes),
    seeds: async () => (await import("./dissector-seeds.js")).flowSeeds(d),
    run: (input) => runFlow(d, input),
  };
}

function linkTarget(d: LinkDissector): FuzzTarget {
  return {
    name: `link-${d.name}`,
    sources: SOURCES,
    maxLen: 1600,
    seeds: async () => (await import("./dissector-seeds.js")).frameSeeds(d),
    run(input) {
      d.parse(input, new CheckingSink(d.name));
    },
  };
}

export const targets: FuzzTarget[] = [
  ...DISSECTORS.map((d: AnyDissector) => dissectorTarget(d)),
  ...LINK_DISSECTORS.map(linkTarget),
];
