/**
 * Controller checks from the wire (and from scans where a plant has them): cleartext management services,
 * more than one station changing a controller, and every program download, stop, start and firmware update with
 * who made it and when.
 */
import type { Evidence } from "../model/evidence.js";
import type { ScanHost } from "../model/vulnerability.js";
import { CaptureParties, CONTROLLER_ROLES, isController, type Party } from "./capture-parties.js";
import type { AnalysisContext } from "./context.js";
import { formatTime } from "./control-lookup.js";
import { type ControllerChange, controllerChanges } from "./controller-changes.js";
import { findingOf, type Rule } from "./rule.js";
import { zoneLocator } from "./zone-of-address.js";

/** Management protocols that carry logins and commands in clear, by dissector name. */
const CLEARTEXT: Record<string, string> = { telnet: "Telnet", ftp: "FTP", http: "HTTP", tftp: "TFTP" };
/** The same services by scanner service name and well-known port. */
const SCANNED: readonly { name: RegExp; port: number; transport: string; service: string }[] = [
  { name: /^telnet$/, port: 23, transport: "tcp", service: "Telnet" },
  { name: /^ftp$/, port: 21, transport: "tcp", service: "FTP" },
  { name: /^http(-alt)?$/, port: 80, transport: "tcp", service: "HTTP" },
  { name: /^tftp$/, port: 69, transport: "udp", service: "TFTP" },
];

/** nmap names HTTPS `http` with an ssl tunnel the scan record does not keep: these ports are taken as TLS. */
const TLS_PORTS = new Set([443, 4443, 8443]);

/** Frames or scan lines cited per service and device. */
const EVIDENCE_PER_SERVICE = 3;

const managed = (p: Party | undefined) => isController(p) || p?.role === "network-device";

interface Exposure {
  party: { id: string; label: string; zone: string | null; declared: boolean; role: string | null };
  services: Map<string, Evidence[]>;
}

export const cleartextManagement: Rule = {
  id: "CTRL-001",
  title: "Controller or network device managed over a cleartext protocol",
  severity: "high",
  contradicts: ["SR 4.1", "SR 7.7"],
  related: ["SR 1.5"],
  description:
    "Telnet, FTP, HTTP, TFTP and SNMP v1/v2c carry passwords, communities and commands in clear: anyone on the path can read them and replay them to reprogram or reconfigure the device; default SNMP communities need not even be read.",
  remediation:
    "Disable the service on the device, or where the device offers it use the encrypted variant (SSH, SFTP/FTPS, HTTPS, SNMPv3 authPriv); otherwise restrict it to the engineering station with a firewall rule and change default communities and passwords.",
  check(ctx) {
    const exposures = new Map<string, Exposure>();
    const note = (party: Exposure["party"], service: string, e: Evidence) => {
      const x = exposures.get(party.id) ?? { party, services: new Map() };
      exposures.set(party.id, x);
      const list = x.services.get(service) ?? [];
      if (list.length < EVIDENCE_PER_SERVICE) list.push(e);
      x.services.set(service, list);
    };
    if (ctx.capture) {
      const parties = new CaptureParties(ctx.plant, ctx.capture);
      for (const f of ctx.capture.flows) {
        const service = f.protocol ? CLEARTEXT[f.protocol] : undefined;
        const server = parties.party(f.server);
        if (service && managed(server))
          note(server, service, {
            kind: "frame",
            file: f.file,
            frame: f.firstFrame,
            note: `${service} session from ${parties.party(f.client).label}`,
          });
      }
      for (const o of ctx.capture.observations) {
        const about = parties.ofObserved(o.asset);
        if (!managed(about)) continue;
        if (o.protocol === "snmp" && (o.kind === "snmp-community" || o.kind === "default-credentials"))
          note(about!, "SNMP v1/v2c", { kind: "frame", file: o.file, frame: o.frame, note: o.detail });
        else if (o.kind === "cleartext-credentials" && CLEARTEXT[o.protocol])
          note(about!, CLEARTEXT[o.protocol]!, {
            kind: "frame",
            file: o.file,
            frame: o.frame,
            note: o.detail,
          });
      }
    }
    for (const scan of ctx.vulnerabilityEvidence?.scans ?? []) {
      for (const host of scan.hosts) {
        const party = scannedParty(ctx, host);
        if (!party) continue;
        for (const [service, e] of scannedServices(host)) note(party, service, e);
      }
    }
    return [...exposures.values()].map(({ party, services }) =>
      findingOf(this, {
        subject: party.id,
        summary: `${party.label}${party.role ? `, a ${party.role},` : ""} is managed over ${[...services.keys()].join(", ")}: ${[
          ...services.values(),
        ]
          .flatMap((list) => list.map((e) => e.note))
          .join("; ")}.`,
        zones: party.zone ? [party.zone] : [],
        assets: party.declared ? [party.id] : [],
        evidence: [...services.values()].flat(),
      }),
    );
  },
};

/** A scanned host that plant.yaml declares as a controller or network device. */
function scannedParty(ctx: AnalysisContext, host: ScanHost): Exposure["party"] | undefined {
  const asset = ctx.plant.spec.assets.find((a) => a.ips.some((ip) => host.ips.includes(ip)));
  if (!asset || !(CONTROLLER_ROLES.includes(asset.role) || asset.role === "network-device")) return undefined;
  const ip = asset.ips.find((i) => host.ips.includes(i))!;
  return {
    id: asset.id,
    label: `${asset.id} (${ip})`,
    zone: asset.zone ?? zoneLocator(ctx.plant.spec.zones)(ip) ?? null,
    declared: true,
    role: asset.role,
  };
}

/** Cleartext services a scan found open; SNMP only where a v1/v2c community was proven to work. */
function scannedServices(host: ScanHost): [string, Evidence][] {
  const out: [string, Evidence][] = [];
  for (const s of host.services) {
    if (s.state !== "open") continue;
    const known = SCANNED.find((k) =>
      s.name ? k.name.test(s.name) : s.port === k.port && s.transport === k.transport,
    );
    if (known && !(known.service === "HTTP" && TLS_PORTS.has(s.port)))
      out.push([
        known.service,
        { ...s.evidence, note: `${known.service} open on ${s.transport}/${s.port} (scan)` },
      ]);
    // nmap's snmp-* scripts ask with the community "public": an answer proves the default community works.
    const snmp = s.scripts.find((x) => x.id.startsWith("snmp-") && x.output.trim() !== "");
    if (snmp)
      out.push([
        "SNMP v1/v2c",
        { ...s.evidence, note: `${snmp.id} answered to the default community (scan)` },
      ]);
  }
  for (const f of host.findings)
    if (/snmp.*default community/i.test(f.name))
      out.push(["SNMP v1/v2c", { ...f.evidence, note: `${f.name} (scan)` }]);
  return out;
}

export const multipleStationsChangeController: Rule = {
  id: "CTRL-002",
  title: "Controller written to or programmed from more than one station",
  severity: "medium",
  contradicts: [],
  related: ["SR 2.1", "SR 1.2"],
  description:
    "A controller that accepts writes, commands or programs from several stations has no single point where changes are authorised; any of them, or anything that takes one over, can change the process.",
  remediation:
    "Decide which station may program each controller and which may write to it; enforce it with the controller's access protection (password, connection or IP allow-list) and with firewall rules in front of the control zone.",
  check(ctx) {
    if (!ctx.capture) return [];
    const parties = new CaptureParties(ctx.plant, ctx.capture);
    type Station = { station: Party; acts: Evidence[] };
    const byController = new Map<string, { controller: Party; stations: Map<string, Station> }>();
    const act = (controller: Party, station: Party, e: Evidence) => {
      const c = byController.get(controller.id) ?? { controller, stations: new Map<string, Station>() };
      byController.set(controller.id, c);
      const s = c.stations.get(station.id) ?? { station, acts: [] };
      c.stations.set(station.id, s);
      // One PDU may be both an operation and an observation (S7 PLC stop): keep the first name for its frame.
      const same = (a: Evidence) =>
        a.note === e.note ||
        (a.kind === "frame" && e.kind === "frame" && a.file === e.file && a.frame === e.frame);
      if (!s.acts.some(same)) s.acts.push(e);
    };
    for (const op of ctx.capture.operations) {
      if (op.category !== "write" && op.category !== "control") continue;
      const controller = parties.party(op.server);
      if (!isController(controller)) continue;
      act(controller, parties.party(op.client), {
        kind: "frame",
        file: op.file,
        frame: op.firstFrame,
        note: `${op.protocol} ${op.name}`,
      });
    }
    for (const c of controllerChanges(parties)) {
      if (c.station)
        act(c.controller, c.station, { kind: "frame", file: c.file, frame: c.frame, note: changeVerb(c) });
    }
    return [...byController.values()].flatMap(({ controller, stations }) => {
      if (stations.size < 2) return [];
      const list = [...stations.values()];
      return [
        findingOf(this, {
          subject: controller.id,
          summary: `${controller.label} is changed from ${list.length} stations: ${list
            .map(
              (s) => `${s.station.label} (${[...new Set(s.acts.map((a) => a.note))].slice(0, 3).join(", ")})`,
            )
            .join("; ")}.`,
          zones: [
            ...new Set(
              [controller.zone, ...list.map((s) => s.station.zone)].filter((z): z is string => z !== null),
            ),
          ],
          assets: [controller, ...list.map((s) => s.station)].filter((p) => p.declared).map((p) => p.id),
          evidence: list.flatMap((s) => s.acts.slice(0, 2)),
        }),
      ];
    });
  },
};

/** Events listed per controller in a finding's evidence. */
const EVENTS_CITED = 8;

export const controllerChangesSeen: Rule = {
  id: "CTRL-003",
  title: "Program download, stop, start or firmware update seen on the network",
  severity: "medium",
  contradicts: [],
  related: ["SR 2.8", "SR 3.4", "SR 6.2"],
  description:
    "Each change to what a controller runs, or whether it runs, must match an approved change; one that does not is either an unrecorded engineering change or an attack (MITRE ATT&CK for ICS T0843 Program Download, T0881 Service Stop).",
  remediation:
    "Match each event against the change records; investigate those without one; alert on downloads and stops (an IDS or the controller's own diagnostics buffer) and keep controllers in RUN/protected mode outside planned work.",
  check(ctx) {
    if (!ctx.capture) return [];
    const byController = new Map<string, ControllerChange[]>();
    for (const c of controllerChanges(new CaptureParties(ctx.plant, ctx.capture))) {
      const list = byController.get(c.controller.id) ?? [];
      list.push(c);
      byController.set(c.controller.id, list);
    }
    return [...byController.values()].map((changes) => {
      const controller = changes[0]!.controller;
      const counts = new Map<string, number>();
      for (const c of changes) counts.set(changeNoun(c), (counts.get(changeNoun(c)) ?? 0) + 1);
      const tally = [...counts].map(([noun, n]) => `${n} ${noun}${n > 1 ? "s" : ""}`).join(", ");
      return findingOf(this, {
        subject: controller.id,
        summary: `${controller.label}: ${tally}. ${changes
          .slice(0, 4)
          .map(
            (c) => `${c.detail}${c.station ? ` by ${c.station.label}` : ""}${whenText(c)} (frame ${c.frame})`,
          )
          .join("; ")}${changes.length > 4 ? "; ..." : "."}`,
        zones: controller.zone ? [controller.zone] : [],
        assets: [controller, ...changes.flatMap((c) => (c.station ? [c.station] : []))]
          .filter((p, i, all) => p.declared && all.findIndex((q) => q.id === p.id) === i)
          .map((p) => p.id),
        evidence: changes.slice(0, EVENTS_CITED).map((c) => ({
          kind: "frame" as const,
          file: c.file,
          frame: c.frame,
          note: `${c.detail}${c.station ? ` by ${c.station.label}` : ""}${whenText(c)}`,
        })),
      });
    });
  },
};

function whenText(c: ControllerChange): string {
  if (!c.when) return "";
  return c.when.exact ? ` at ${formatTime(c.when.iso)}` : ` no earlier than ${formatTime(c.when.iso)}`;
}

function changeNoun(c: ControllerChange): string {
  switch (c.kind) {
    case "program-download":
    case "program":
      return "program download";
    case "controller-stop":
      return "stop";
    case "controller-start":
      return "start";
    case "controller-restart":
      return "restart";
    case "firmware-update":
      return "firmware update";
    default:
      return c.kind;
  }
}

function changeVerb(c: ControllerChange): string {
  return c.kind === "program" ? c.detail : `${c.protocol} ${changeNoun(c)}`;
}
