/**
 * The facts of one capture file that a baseline is made of: which assets exist, which MAC holds which IP,
 * which firmware they run, which zones talk on which services, which pairs talk which protocols, which station
 * writes, commands or programs which device, who stops controllers, opens remote sessions or sends credentials
 * in clear. Learning stores them; monitoring raises an alert for each one the baseline lacks. Pure: one file's
 * analysis in, facts out.
 */
import type { Observation, ObservedOperation } from "../model/capture.js";
import { type FileView, pairKey } from "./file-view.js";
import { OUTSIDE, type PlantContext } from "./plant-context.js";

export const FACT_KINDS = [
  "asset",
  "ip-mac",
  "firmware",
  "zone-flow",
  "pair",
  "pair-protocol",
  "write",
  "control",
  "program",
  "program-upload",
  "controller-stop",
  "controller-start",
  "controller-restart",
  "firmware-update",
  "remote",
  "credentials",
  "scanner",
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface Occurrence {
  frame: number | null;
  /** Capture time: the start of the connection carrying it, or of the file. */
  time: string;
}

interface Common {
  key: string;
  /** Other keys of the same fact (a device's other addresses): learned with it, and any of them makes it known. */
  aliases: string[];
  count: number;
  first: Occurrence;
  last: Occurrence;
  /** Protocol operations, details of observations: words for an alert's summary. */
  details: string[];
}

export type StationAct =
  | "write"
  | "control"
  | "program"
  | "program-upload"
  | "controller-stop"
  | "controller-start"
  | "controller-restart"
  | "firmware-update";

export type Fact = Common &
  (
    | { kind: "asset"; address: string; zone: string; mac: string | null; vendor: string | null }
    | { kind: "ip-mac"; ip: string; mac: string }
    | { kind: "firmware"; asset: string; firmware: string /** Every key of the device. */; devices: string[] }
    | {
        kind: "zone-flow";
        from: string;
        to: string;
        transport: string;
        port: number | null;
        protocol: string | null;
        /** The first flow's ends. */
        client: string;
        server: string;
      }
    | { kind: "pair"; a: string; b: string }
    | { kind: "pair-protocol"; client: string; server: string; service: string }
    | { kind: StationAct; station: string; device: string; protocol: string }
    | { kind: "remote" | "credentials"; client: string; server: string; protocol: string }
  );

/** Details kept per fact: enough to say what happened, bounded whatever the traffic. */
const MAX_DETAILS = 4;
const CHANGING = new Set(["write", "control", "program"]);
const STATION_OBSERVATIONS = new Set<string>([
  "program-upload",
  "controller-stop",
  "controller-start",
  "controller-restart",
  "firmware-update",
]);
const CREDENTIALS = new Set<string>(["cleartext-credentials", "default-credentials", "snmp-community"]);

/** The facts of a file; flows opened by the `excluded` hosts (scanners) and the hosts only they touched are left out. */
export function factsOf(
  view: FileView,
  ctx: PlantContext,
  excluded: ReadonlySet<string> = new Set(),
): Fact[] {
  if (view.packets === 0) return [];
  const facts = new Map<string, Fact>();
  const add = (fact: Fact) => {
    const id = `${fact.kind}\u0000${fact.key}`;
    const seen = facts.get(id);
    if (seen === undefined) {
      facts.set(id, fact);
      return;
    }
    seen.count += fact.count;
    for (const k of fact.aliases) if (!seen.aliases.includes(k)) seen.aliases.push(k);
    if (before(fact.first, seen.first)) seen.first = fact.first;
    if (before(seen.last, fact.last)) seen.last = fact.last;
    for (const d of fact.details) {
      if (seen.details.length < MAX_DETAILS && !seen.details.includes(d)) seen.details.push(d);
    }
  };
  assetFacts(view, ctx, excluded, add);
  flowFacts(view, ctx, excluded, add);
  for (const op of view.analysis.report.operations) operationFact(view, ctx, op, add);
  for (const o of view.analysis.report.observations) observationFact(view, o, add);
  return [...facts.values()];
}

function before(a: Occurrence, b: Occurrence): boolean {
  return (a.frame ?? Number.POSITIVE_INFINITY) < (b.frame ?? Number.POSITIVE_INFINITY);
}

function at(view: FileView, frame: number | null, time?: string): Occurrence {
  return { frame, time: time ?? view.start };
}

function common(key: string, first: Occurrence, last: Occurrence = first, count = 1, details: string[] = []) {
  return { key, aliases: [] as string[], count, first, last, details };
}

/**
 * One fact per device: its addresses (IPs in a zone or seen with a MAC, and its MAC on its VLAN) are keys of the
 * same fact, so a known PLC seen in a file without its IP, or a known address on a new MAC, is no new asset.
 */
function assetFacts(
  view: FileView,
  ctx: PlantContext,
  excluded: ReadonlySet<string>,
  add: (f: Fact) => void,
): void {
  const report = view.analysis.report;
  const pairedIps = new Set(view.analysis.pairings.map((p) => p.ip));
  // Targets that only a scanner's flows name, and nothing saw on the local segment, may not exist at all.
  const onlyScanned = (ip: string) => {
    const flows = view.flowsOf(ip);
    return (
      !pairedIps.has(ip) && flows.length > 0 && flows.every((f) => f.server === ip && excluded.has(f.client))
    );
  };
  const timeOf = (address: string) => view.flowsOf(address)[0]?.time ?? view.start;
  for (const a of report.assets) {
    const mac = a.macs.find((m) => !ctx.isNonHost(m)) ?? null;
    // An address beyond every declared zone with no MAC of its own is a remote endpoint, not a plant asset.
    const ips = a.ips.filter(
      (ip) => !ctx.isNonHost(ip) && !onlyScanned(ip) && (mac !== null || ctx.zoneOf(ip) !== OUTSIDE),
    );
    const keys = [...ips, ...(a.id.startsWith("mac:") && mac !== null ? [a.id] : [])];
    if (keys.length === 0) continue;
    const address = keys[0];
    const zone = ips.length > 0 ? ctx.zoneOf(ips[0]) : ctx.zoneOfVlan(a.vlans[0] ?? null);
    const frame = view.firstFrameOf(ips[0] ?? mac ?? "");
    const o = at(view, frame, ips.length > 0 ? timeOf(ips[0]) : undefined);
    add({
      kind: "asset",
      address,
      zone,
      mac,
      vendor: a.vendor,
      ...common(address, o),
      aliases: keys.slice(1),
    });
    const firmware = a.identity.firmware;
    if (firmware === undefined) continue;
    const source = a.identity.sources[0];
    const fo = at(view, source?.frame ?? null);
    add({
      kind: "firmware",
      asset: address,
      devices: keys,
      firmware,
      ...common(`${address}=${firmware}`, fo, fo, 1, source ? [source.protocol] : []),
      aliases: keys.slice(1).map((k) => `${k}=${firmware}`),
    });
  }
  for (const p of view.analysis.pairings) {
    if (ctx.isNonHost(p.ip) || ctx.isNonHost(p.mac) || onlyScanned(p.ip)) continue;
    add({
      kind: "ip-mac",
      ip: p.ip,
      mac: p.mac,
      ...common(`${p.ip}@${p.mac}`, at(view, p.frame, timeOf(p.ip))),
    });
  }
}

function flowFacts(
  view: FileView,
  ctx: PlantContext,
  excluded: ReadonlySet<string>,
  add: (f: Fact) => void,
): void {
  for (const f of view.flows) {
    if (excluded.has(f.client)) continue;
    const o = at(view, f.frame, f.time);
    const pair = pairKey(f.client, f.server);
    const [a, b] = pair.split("~");
    // ICMP is learned per pair (health checks are not scans) but is no service between zones.
    add({
      kind: "pair-protocol",
      client: f.client,
      server: f.server,
      service: f.service,
      ...common(`${pair}/${f.service}`, o, o, 1, f.protocol === null ? [] : [f.protocol]),
    });
    if (f.transport !== "tcp" && f.transport !== "udp") continue;
    add({ kind: "pair", a, b, ...common(pair, o) });
    const from = ctx.zoneOf(f.client);
    const to = ctx.zoneOf(f.server);
    if (from === to) continue;
    add({
      kind: "zone-flow",
      from,
      to,
      transport: f.transport,
      port: f.port,
      protocol: f.protocol,
      client: f.client,
      server: f.server,
      ...common(`${from}>${to}:${f.service}`, o, o, 1, f.protocol === null ? [] : [f.protocol]),
    });
  }
}

/**
 * Writes, commands and program transfers, by the station that opened the connection: an S7 download is
 * requested block by block by the PLC, but it is the engineering station's doing.
 */
function operationFact(
  view: FileView,
  ctx: PlantContext,
  op: ObservedOperation,
  add: (f: Fact) => void,
): void {
  if (!CHANGING.has(op.category) || ctx.isNonHost(op.server) || ctx.isNonHost(op.client)) return;
  const reversed = view.opened(op.server, op.client) && !view.opened(op.client, op.server);
  const station = reversed ? op.server : op.client;
  const device = reversed ? op.client : op.server;
  const first = at(view, op.firstFrame, view.timeAt(station, device, op.firstFrame));
  const last = at(view, op.lastFrame, view.timeAt(station, device, op.lastFrame));
  // A logic transfer named an upload reads the program out; it is not a new program on the device.
  const upload = op.category === "program" && /upload/i.test(op.name);
  add({
    kind: upload ? "program-upload" : (op.category as "write" | "control" | "program"),
    station,
    device,
    protocol: op.protocol,
    ...common(`${station}>${device}`, first, last, op.count, [`${op.protocol} ${op.name}`]),
  });
}

function observationFact(view: FileView, o: Observation, add: (f: Fact) => void): void {
  const ends = o.ends;
  const occurrence = at(view, o.frame, ends ? view.timeAt(ends.client, ends.server, o.frame) : undefined);
  if (STATION_OBSERVATIONS.has(o.kind)) {
    const station = ends?.client ?? "?";
    const device = ends?.server ?? o.asset;
    add({
      kind: o.kind as StationAct,
      station,
      device,
      protocol: o.protocol,
      ...common(`${station}>${device}`, occurrence, occurrence, 1, [o.detail]),
    });
    return;
  }
  if (ends === null) return;
  const kind = o.kind === "remote-access" ? "remote" : CREDENTIALS.has(o.kind) ? "credentials" : null;
  if (kind === null) return;
  add({
    kind,
    client: ends.client,
    server: ends.server,
    protocol: o.protocol,
    ...common(`${ends.client}>${ends.server}:${o.protocol}`, occurrence, occurrence, 1, [o.detail]),
  });
}
