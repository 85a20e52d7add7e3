/**
 * What one capture file shows that the baseline lacks, as alert drafts. Pure: the file's view, the plant and
 * read access to the baseline in; drafts out. Each draft names the baseline fact that folding it adds, so an
 * assessor's "this is normal" silences exactly what the alert reported.
 */
import type { AlertType } from "../model/alert.js";
import type { Severity } from "../model/finding.js";
import { ALERT_INFO } from "./alert-catalogue.js";
import { type Fact, type FactKind, factsOf, type Occurrence } from "./facts.js";
import { type FileView, pairKey } from "./file-view.js";
import { OUTSIDE, type PlantContext } from "./plant-context.js";

/** Read access to the learned (and folded) facts. */
export interface TrafficBaseline {
  has(kind: FactKind, key: string): boolean;
  keysWithPrefix(kind: FactKind, prefix: string): string[];
}

export interface AlertDraft {
  type: AlertType;
  subject: string;
  /** The baseline fact that folding this alert adds: its key, then its aliases. */
  fold: { kind: FactKind; keys: string[] };
  severity: Severity;
  requirements: string[];
  summary: string;
  zones: string[];
  assets: string[];
  first: Occurrence;
  last: Occurrence;
  count: number;
}

/** A host reaching this many hosts the baseline never saw it reach, in one file, is sweeping the network. */
export const SCAN_MIN_HOSTS = 16;
/** ... or this many never-seen ports of one host: a port scan. */
export const SCAN_MIN_PORTS = 24;

const STATION_ALERTS = {
  write: "new-write",
  control: "new-control",
  program: "new-program",
  "program-upload": "program-upload",
  "controller-stop": "controller-stop",
  "controller-start": "controller-start",
  "controller-restart": "controller-restart",
  "firmware-update": "firmware-change",
} as const satisfies Record<string, AlertType>;

export function deviationsOf(view: FileView, ctx: PlantContext, baseline: TrafficBaseline): AlertDraft[] {
  const scans = scansOf(view, baseline);
  const scanners = new Set(scans.map((s) => s.client));
  const drafts: AlertDraft[] = [];
  for (const s of scans) {
    if (baseline.has("scanner", s.client)) continue;
    drafts.push(
      draft(
        ctx,
        "scan",
        s.client,
        { kind: "scanner", keys: [s.client] },
        {
          summary: `${ctx.label(s.client)} reached ${s.hosts} host${s.hosts === 1 ? "" : "s"} and up to ${s.ports} port${s.ports === 1 ? "" : "s"} of one host (${ctx.label(s.busiest)}) it never reached during the baseline`,
          addresses: [s.client],
          first: s.first,
          last: s.last,
          count: s.targets,
        },
      ),
    );
  }
  for (const fact of factsOf(view, ctx, scanners)) {
    const d = deviation(fact, ctx, baseline);
    if (d !== null) drafts.push(d);
  }
  return drafts;
}

function deviation(fact: Fact, ctx: PlantContext, baseline: TrafficBaseline): AlertDraft | null {
  if (baseline.has(fact.kind, fact.key) || fact.aliases.some((k) => baseline.has(fact.kind, k))) return null;
  const fold = { kind: fact.kind, keys: [fact.key, ...fact.aliases] };
  const seen = { first: fact.first, last: fact.last, count: fact.count };
  const also = fact.details.length > 0 ? ` (${fact.details.join(", ")})` : "";
  switch (fact.kind) {
    case "asset": {
      const declared = ctx.declared(fact.address) ?? (fact.mac ? ctx.declared(fact.mac) : undefined);
      const where = fact.zone === OUTSIDE ? "outside every declared zone" : `in zone ${fact.zone}`;
      const nic = fact.mac ? ` on MAC ${fact.mac}${fact.vendor ? ` (${fact.vendor})` : ""}` : "";
      const criticality = ctx.zone(fact.zone)?.criticality;
      const severity: Severity = declared
        ? "low"
        : criticality === "high" || criticality === "critical"
          ? "high"
          : "medium";
      return draft(ctx, "new-asset", fact.key, fold, {
        severity,
        summary: `${ctx.label(fact.address)} appeared${nic} ${where}${declared ? `; plant.yaml declares it as ${declared.id}, but the baseline never saw it` : "; plant.yaml does not declare it"}`,
        addresses: [fact.address],
        ...seen,
      });
    }
    case "ip-mac": {
      const before = baseline.keysWithPrefix("ip-mac", `${fact.ip}@`).map((k) => k.slice(fact.ip.length + 1));
      if (before.length === 0) return null;
      return draft(ctx, "ip-new-mac", fact.key, fold, {
        summary: `${ctx.label(fact.ip)} is now on MAC ${fact.mac}; the baseline saw it only on ${before.join(", ")}`,
        addresses: [fact.ip],
        ...seen,
      });
    }
    case "firmware": {
      const before = [
        ...new Set(
          fact.devices.flatMap((d) =>
            baseline.keysWithPrefix("firmware", `${d}=`).map((k) => k.slice(d.length + 1)),
          ),
        ),
      ];
      if (before.length === 0) return null;
      return draft(ctx, "firmware-change", fact.key, fold, {
        summary: `${ctx.label(fact.asset)} reports firmware ${fact.firmware}${also}; the baseline saw ${before.join(", ")}`,
        addresses: [fact.asset],
        ...seen,
      });
    }
    case "zone-flow": {
      const { conduit, declared } = ctx.declaresService(fact);
      const service = `${fact.transport}/${fact.port}${fact.protocol ? ` (${fact.protocol})` : ""}`;
      const route = `${zoneText(fact.from)} to ${zoneText(fact.to)} on ${service}, first ${ctx.label(fact.client)} to ${ctx.label(fact.server)}`;
      if (declared && conduit) {
        return draft(ctx, "new-zone-flow", fact.key, fold, {
          summary: `${route}: conduit ${conduit.id} declares it, but the baseline never saw it`,
          addresses: [fact.client, fact.server],
          ...seen,
        });
      }
      return draft(ctx, "flow-outside-conduit", fact.key, fold, {
        requirements: conduit ? ["SR 5.2"] : ["SR 5.1", "SR 5.2"],
        summary: `${route}: ${conduit ? `conduit ${conduit.id} declares no such flow` : "no conduit joins these zones"}`,
        addresses: [fact.client, fact.server],
        ...seen,
      });
    }
    case "pair-protocol": {
      const pair = pairKey(fact.client, fact.server);
      if (fact.service === "icmp" || fact.service === "icmpv6" || !baseline.has("pair", pair)) return null;
      const before = baseline
        .keysWithPrefix("pair-protocol", `${pair}/`)
        .map((k) => k.slice(pair.length + 1));
      return draft(ctx, "new-protocol", fact.key, fold, {
        summary: `${ctx.label(fact.client)} and ${ctx.label(fact.server)} now talk ${fact.service}${also}; the baseline saw only ${before.join(", ") || "other traffic"}`,
        addresses: [fact.client, fact.server],
        ...seen,
      });
    }
    case "write":
    case "control":
    case "program":
    case "program-upload":
    case "controller-stop":
    case "controller-start":
    case "controller-restart":
    case "firmware-update": {
      const what = fact.count === 1 ? "1 request" : `${fact.count} requests`;
      return draft(ctx, STATION_ALERTS[fact.kind], fact.key, fold, {
        summary: `${ctx.label(fact.station)} to ${ctx.label(fact.device)}: ${what}${also}, never seen from this station during the baseline`,
        addresses: [fact.station, fact.device],
        ...seen,
      });
    }
    case "remote":
      return draft(ctx, "new-remote-session", fact.key, fold, {
        summary: `${fact.protocol} session from ${ctx.label(fact.client)} to ${ctx.label(fact.server)}${also}`,
        addresses: [fact.client, fact.server],
        ...seen,
      });
    case "credentials":
      return draft(ctx, "cleartext-credentials", fact.key, fold, {
        summary: `${fact.protocol} from ${ctx.label(fact.client)} to ${ctx.label(fact.server)}${also}`,
        addresses: [fact.client, fact.server],
        ...seen,
      });
    case "pair":
      return null;
  }
}

function zoneText(zone: string): string {
  return zone === OUTSIDE ? "outside the declared zones" : zone;
}

interface DraftParts {
  severity?: Severity;
  requirements?: string[];
  summary: string;
  addresses: string[];
  first: Occurrence;
  last: Occurrence;
  count: number;
}

function draft(
  ctx: PlantContext,
  type: AlertType,
  subject: string,
  fold: AlertDraft["fold"],
  parts: DraftParts,
): AlertDraft {
  const info = ALERT_INFO[type];
  const addresses = parts.addresses.filter((a) => a !== "?");
  const zones = [...new Set(addresses.map((a) => ctx.zoneOf(a)).filter((z) => z !== OUTSIDE))];
  const assets = [...new Set(addresses.map((a) => ctx.declared(a)?.id ?? a))];
  return {
    type,
    subject,
    fold,
    severity: parts.severity ?? info.severity,
    requirements: parts.requirements ?? info.requirements,
    summary: parts.summary,
    zones,
    assets,
    first: parts.first,
    last: parts.last,
    count: parts.count,
  };
}

interface Scan {
  client: string;
  hosts: number;
  ports: number;
  busiest: string;
  targets: number;
  first: Occurrence;
  last: Occurrence;
}

/** Hosts that, in this file, reached many targets (host, transport, port) the baseline never saw them reach. */
function scansOf(view: FileView, baseline: TrafficBaseline): Scan[] {
  const byClient = new Map<string, Map<string, Set<string>>>();
  const span = new Map<string, [Occurrence, Occurrence]>();
  for (const f of view.flows) {
    if (baseline.has("pair-protocol", `${pairKey(f.client, f.server)}/${f.service}`)) continue;
    let servers = byClient.get(f.client);
    if (servers === undefined) {
      servers = new Map();
      byClient.set(f.client, servers);
    }
    let ports = servers.get(f.server);
    if (ports === undefined) {
      ports = new Set();
      servers.set(f.server, ports);
    }
    ports.add(`${f.transport}/${f.port ?? ""}`);
    const o = { frame: f.frame, time: f.time };
    const s = span.get(f.client);
    if (s === undefined) span.set(f.client, [o, o]);
    else s[1] = o;
  }
  const scans: Scan[] = [];
  for (const [client, servers] of byClient) {
    let busiest = "";
    let ports = 0;
    let targets = 0;
    for (const [server, set] of servers) {
      targets += set.size;
      if (set.size > ports) {
        ports = set.size;
        busiest = server;
      }
    }
    if (servers.size < SCAN_MIN_HOSTS && ports < SCAN_MIN_PORTS) continue;
    const [first, last] = span.get(client)!;
    scans.push({ client, hosts: servers.size, ports, busiest, targets, first, last });
  }
  return scans;
}
