/**
 * Seeds of the dissector targets: the PDUs the framework delivered to each dissector from the corpus captures and
 * the example plant's capture, recorded once per process (in the parent, never in a fuzzing worker).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { LinkDissector } from "../../src/capture/dissector.js";
import { analyzeCaptures } from "../../src/capture/engine.js";
import { DISSECTORS, LINK_DISSECTORS } from "../../src/capture/protocols/index.js";
import { type AnyDissector, decodeFlow, encodeFlow, MAX_LEN, type Pdu } from "./dissectors.js";

const MAX_FLOWS = 16;
/** Flows per dissector and capture file, so that the seeds come from many files. */
const MAX_FLOWS_PER_FILE = 3;
const MAX_FRAMES = 40;

type Recorded = { flows: Map<AnyDissector, Uint8Array[]>; frames: Map<LinkDissector, Uint8Array[]> };
let recorded: Promise<Recorded> | null = null;

function captureFiles(): string[] {
  const found = readdirSync("test/corpus/captures", { recursive: true, encoding: "utf8" })
    .filter((f) => /\.pcap(ng)?$/.test(f))
    .map((f) => join("test/corpus/captures", f))
    .sort();
  return [...found, "examples/water-treatment/captures/plant.pcap"];
}

async function record(): Promise<Recorded> {
  const kept = new Map<AnyDissector, { udp: boolean; pdus: Pdu[] }[]>();
  const perFile = new Map<AnyDissector, number>();
  const frames = new Map<LinkDissector, Uint8Array[]>();
  // A dissector of both transports is registered once per transport, so that each flow knows its own.
  const dissectors = DISSECTORS.flatMap((d: AnyDissector) =>
    (d.transport === "both" ? (["tcp", "udp"] as const) : [d.transport]).map((transport): AnyDissector => {
      const flows = kept.get(d) ?? [];
      kept.set(d, flows);
      return {
        ...d,
        transport,
        newState: () => ({
          inner: d.newState(),
          flow: null as { udp: boolean; pdus: Pdu[] } | null,
          full: false,
        }),
        parse(s, dir, data, sink) {
          const st = s as { inner: unknown; flow: { udp: boolean; pdus: Pdu[] } | null; full: boolean };
          const n = d.parse(st.inner, dir, data, sink);
          const used = transport === "udp" ? data.length : n;
          if (used <= 0 || st.full) return n;
          if (!st.flow) {
            const fromFile = perFile.get(d) ?? 0;
            if (flows.length >= MAX_FLOWS || fromFile >= MAX_FLOWS_PER_FILE) {
              st.full = true;
              return n;
            }
            perFile.set(d, fromFile + 1);
            st.flow = { udp: transport === "udp", pdus: [] };
            flows.push(st.flow);
          }
          st.flow.pdus.push({ dir, bytes: data.slice(0, used) });
          st.full = st.flow.pdus.reduce((t, p) => t + p.bytes.length + 3, 1) > MAX_LEN;
          return n;
        },
        gap(s, dir) {
          d.gap?.((s as { inner: unknown }).inner, dir);
        },
      };
    }),
  );
  const links = LINK_DISSECTORS.map((d): LinkDissector => {
    const list: Uint8Array[] = [];
    frames.set(d, list);
    return {
      ...d,
      parse(data, sink) {
        if (list.length < MAX_FRAMES) list.push(data.slice());
        d.parse(data, sink);
      },
    };
  });
  for (const file of captureFiles()) {
    perFile.clear();
    await analyzeCaptures([file], { dissectors, linkDissectors: links });
  }
  const flows = new Map<AnyDissector, Uint8Array[]>();
  for (const [d, list] of kept)
    flows.set(
      d,
      list.map((f) => encodeFlow(f.udp, f.pdus).subarray(0, MAX_LEN)),
    );
  return { flows, frames };
}

function recordings(): Promise<Recorded> {
  recorded ??= record();
  return recorded;
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => Number.parseInt(h, 16));

/**
 * For the protocols the captures hardly carry: flows of a dissector with the same wire format (DNS messages for
 * mDNS and LLMNR, with TCP's length prefix for DNS over TCP; TLS hellos for AnyDesk on 7070), or the openings
 * the dissector's own tests transcribe.
 */
function borrowed(d: AnyDissector, flows: Map<AnyDissector, Uint8Array[]>): Uint8Array[] {
  const of = (name: string, transport: string) =>
    flows.get(DISSECTORS.find((o) => o.name === name && o.transport === transport)!) ?? [];
  const dnsUdp = of("dns", "udp");
  if (d.name === "dns" && d.transport === "tcp")
    return dnsUdp.map((f) =>
      encodeFlow(
        false,
        decodeFlow(f).records.map((r) => ({
          dir: r.dir,
          bytes: Uint8Array.of(r.bytes.length >> 8, r.bytes.length & 0xff, ...r.bytes),
        })),
      ),
    );
  if (d.name === "mdns" || d.name === "llmnr") return dnsUdp;
  if (d.name === "anydesk") return of("tls", "tcp");
  const flow = (udp: boolean, ...pdus: [0 | 1, Uint8Array][]) => [
    encodeFlow(
      udp,
      pdus.map(([dir, bytes]) => ({ dir, bytes })),
    ),
  ];
  // Sequenced address item (connection 0x12345678, sequence 42), then connected data led by its sequence count.
  if (d.name === "enip-io")
    return flow(true, [
      0,
      hex("0200" + "02800800" + "78563412" + "2a000000" + "b1000600" + "2a00" + "01020304"),
    ]);
  if (d.name === "vnc")
    return flow(
      false,
      [1, latin1("RFB 003.008\n")],
      [0, latin1("RFB 003.008\n")],
      [1, Uint8Array.of(2, 2, 16)],
      [0, Uint8Array.of(2)],
      [1, new Uint8Array(16).fill(0x5a)],
      [0, new Uint8Array(16).fill(0xa5)],
      [1, Uint8Array.of(0, 0, 0, 1)],
    );
  if (d.name === "telnet")
    return flow(
      false,
      [1, latin1("\xff\xfd\x01\r\nPLC-GW-2 login: ")],
      [0, latin1("\xff\xfb\x01")],
      [0, latin1("admin\r\n")],
      [1, latin1("Password: ")],
      [0, latin1("s3cret\r\n")],
    );
  return [];
}

export async function flowSeeds(d: AnyDissector): Promise<Uint8Array[]> {
  const { flows } = await recordings();
  const own = flows.get(d) ?? [];
  return own.length >= 3 ? own : [...own, ...borrowed(d, flows)];
}

export async function frameSeeds(d: LinkDissector): Promise<Uint8Array[]> {
  return (await recordings()).frames.get(d) ?? [];
}
