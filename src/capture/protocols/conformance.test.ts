/**
 * The shared suite every entry of DISSECTORS and LINK_DISSECTORS runs (as Hono runs one router suite against
 * every router): probe and parse never throw on truncated input, random bytes or length fields at their
 * limits; a TCP parser never consumes more than it was given; and feeding a stream byte by byte, or in chunks
 * of any size, gives exactly the events of the unsplit stream. The PDUs are real: they are recorded from the
 * corpus captures, as the framework delivered them to each dissector.
 */
import assert from "node:assert/strict";
import { execSync } from "node:child_process";
import { before, describe, it } from "node:test";
import type { IdentityFacts, ObservationKind, OperationCategory } from "../../model/capture.js";
import type { Direction, Dissector, DissectorSink, LinkDissector, Party } from "../dissector.js";
import { analyzeCaptures } from "../engine.js";
import { DISSECTORS, LINK_DISSECTORS } from "./index.js";

type AnyDissector = Dissector<unknown>;

/** One dissector's view of one flow: the PDUs in the order the framework delivered them. */
type Recording = { dir: Direction; bytes: Uint8Array }[];

/** Every call, in order (frames left out: only the bytes differ between runs). */
class EventLog implements DissectorSink {
  frame = 1;
  readonly events: string[] = [];
  finished = false;
  request(code: number, name: string, category: OperationCategory): void {
    this.events.push(`request ${code} ${name} ${category}`);
  }
  response(code: number, failed: boolean): void {
    this.events.push(`response ${code} ${failed}`);
  }
  identity(party: Party, facts: IdentityFacts): void {
    this.events.push(`identity ${party} ${JSON.stringify(facts)}`);
  }
  hostname(party: Party | { ip: string }, name: string): void {
    this.events.push(`hostname ${JSON.stringify(party)} ${name}`);
  }
  observe(kind: ObservationKind, party: Party, detail: string): void {
    this.events.push(`observe ${kind} ${party} ${detail}`);
  }
  anomaly(code: string, message: string): void {
    this.events.push(`anomaly ${code} ${message}`);
  }
  done(): void {
    if (!this.finished) this.events.push("done");
    this.finished = true;
  }
}

/** mulberry32, for reproducible random inputs. */
function prng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const MAX_FLOWS = 4;
const MAX_PDUS = 80;

/** Runs the corpus through the engine with each dissector restricted to one transport, recording what it gets. */
async function record(transport: "tcp" | "udp"): Promise<Map<string, Recording[]>> {
  const files = execSync("find test/corpus/captures -name '*.pcap*' | sort").toString().trim().split("\n");
  const recordings = new Map<string, Recording[]>();
  const wrapped = DISSECTORS.filter((d) => d.transport === transport || d.transport === "both").map(
    (d): AnyDissector => {
      const flows: Recording[] = [];
      recordings.set(d.name, flows);
      return {
        ...d,
        transport,
        newState: () => {
          const flow: Recording = [];
          if (flows.length < MAX_FLOWS) flows.push(flow);
          return { inner: d.newState(), flow };
        },
        parse(s, dir, data, sink) {
          const { inner, flow } = s as { inner: unknown; flow: Recording };
          const n = d.parse(inner, dir, data, sink);
          const used = transport === "udp" ? data.length : n;
          if (used > 0 && flow.length < MAX_PDUS) flow.push({ dir, bytes: data.slice(0, used) });
          return n;
        },
        gap(s, dir) {
          d.gap?.((s as { inner: unknown }).inner, dir);
        },
      };
    },
  );
  for (const file of files) await analyzeCaptures([file], { dissectors: wrapped, linkDissectors: [] });
  for (const [name, flows] of recordings)
    recordings.set(
      name,
      flows.filter((f) => f.length > 0),
    );
  return recordings;
}

/** Feeds a recorded flow to a fresh state as the framework would, in chunks of `chunk` bytes (0: whole PDUs). */
function replay(d: AnyDissector, flow: Recording, chunk: number): string[] {
  const log = new EventLog();
  const state = d.newState();
  const pending: Uint8Array[] = [new Uint8Array(0), new Uint8Array(0)];
  for (const { dir, bytes } of flow) {
    const step = chunk === 0 ? bytes.length : chunk;
    // The framework stops delivering once the dissector says it is done.
    for (let o = 0; o < bytes.length && !log.finished; o += step) {
      const piece = bytes.subarray(o, Math.min(bytes.length, o + step));
      const held = pending[dir];
      let data = new Uint8Array(held.length + piece.length);
      data.set(held);
      data.set(piece, held.length);
      while (!log.finished) {
        const n = d.parse(state, dir, data, log);
        assert.ok(n <= data.length, `${d.name} consumed ${n} of ${data.length} bytes`);
        if (n <= 0) break;
        data = data.subarray(n);
        if (data.length === 0) break;
      }
      pending[dir] = data.slice();
    }
  }
  return log.events;
}

function neverThrows(d: AnyDissector, data: Uint8Array, dir: Direction, tcp: boolean): void {
  const log = new EventLog();
  const result = d.probe(data, dir);
  assert.ok(["match", "needMore", "reject"].includes(result), `${d.name} probe returned ${result}`);
  const n = d.parse(d.newState(), dir, data, log);
  if (tcp)
    assert.ok(
      Number.isInteger(n) && n >= -1 && n <= data.length,
      `${d.name} returned ${n} for ${data.length} bytes`,
    );
}

let tcpRecordings = new Map<string, Recording[]>();
let udpRecordings = new Map<string, Recording[]>();

describe("dissector conformance", { timeout: 600_000 }, () => {
  before(async () => {
    tcpRecordings = await record("tcp");
    udpRecordings = await record("udp");
  });

  it("has real PDUs from the corpus for the ICS dissectors", () => {
    for (const name of ["modbus", "s7comm", "dnp3", "iec104", "opcua", "mqtt", "s7comm-plus"]) {
      assert.ok((tcpRecordings.get(name)?.length ?? 0) > 0, `${name} over TCP`);
    }
    for (const name of ["bacnet", "dnp3", "ntp", "dns"])
      assert.ok((udpRecordings.get(name)?.length ?? 0) > 0, `${name} over UDP`);
  });

  for (const d of DISSECTORS as readonly AnyDissector[]) {
    describe(`${d.name} (${d.transport})`, () => {
      it("gives the same events whether its TCP stream comes whole, byte by byte or in chunks of any size", () => {
        const flows = tcpRecordings.get(d.name) ?? [];
        for (const flow of flows) {
          const whole = replay(d, flow, 0);
          assert.deepEqual(replay(d, flow, 1), whole, `${d.name}: byte by byte`);
          const longest = Math.max(...flow.map((p) => p.bytes.length));
          for (let chunk = 2; chunk < Math.min(longest, 300); chunk++) {
            assert.deepEqual(replay(d, flow, chunk), whole, `${d.name}: chunks of ${chunk}`);
          }
        }
      });

      it("never throws on its PDUs cut at every length", () => {
        for (const [tcp, recordings] of [
          [true, tcpRecordings],
          [false, udpRecordings],
        ] as const) {
          for (const flow of recordings.get(d.name) ?? []) {
            for (const { dir, bytes } of flow.slice(0, 20)) {
              for (let len = 0; len <= bytes.length; len++) neverThrows(d, bytes.subarray(0, len), dir, tcp);
            }
          }
        }
      });

      it("never throws on random bytes or on its PDUs with fields set to their limits", () => {
        const rnd = prng(d.name.length * 7919 + d.defaultPorts.length);
        const tcp = d.transport !== "udp";
        for (let i = 0; i < 300; i++) {
          const data = Uint8Array.from({ length: rnd(600) }, () => rnd(256));
          neverThrows(d, data, (i % 2) as Direction, tcp);
        }
        const samples = [...(tcpRecordings.get(d.name) ?? []), ...(udpRecordings.get(d.name) ?? [])]
          .flat()
          .slice(0, 12);
        for (const { dir, bytes } of samples) {
          for (let pos = 0; pos < Math.min(bytes.length, 48); pos++) {
            for (const value of [0x00, 0x7f, 0x80, 0xff]) {
              const data = Uint8Array.from(bytes);
              data[pos] = value;
              if (pos + 1 < data.length) data[pos + 1] = value;
              neverThrows(d, data, dir, tcp);
            }
          }
        }
      });
    });
  }

  for (const d of LINK_DISSECTORS as readonly LinkDissector[]) {
    it(`${d.name} (link) never throws on random or cut frames`, () => {
      const rnd = prng(d.name.length * 104729);
      for (let i = 0; i < 500; i++) {
        const data = Uint8Array.from({ length: rnd(300) }, () => rnd(256));
        d.parse(data, new EventLog());
        for (let len = 0; len < Math.min(data.length, 40); len++)
          d.parse(data.subarray(0, len), new EventLog());
      }
    });
  }
});
