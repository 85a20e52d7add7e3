/** Checks of the declared vendor and staff remote-access paths, and of the remote sessions captures show. */
import type { RemoteAccess } from "../model/plant.js";
import { CaptureParties } from "./capture-parties.js";
import type { AnalysisContext } from "./context.js";
import { formatTime } from "./control-lookup.js";
import { declaredAt, zoneOfAsset } from "./plant-lookup.js";
import { explain, remoteSessions } from "./remote-sessions.js";
import { findingOf, type Rule } from "./rule.js";

/** Flows cited per unexplained session. */
const FLOWS_CITED = 3;

function targetZones(ctx: AnalysisContext, r: RemoteAccess): string[] {
  const zoneIds = new Set(ctx.plant.spec.zones.map((z) => z.id));
  const zones = r.targets.map((t) => (zoneIds.has(t) ? t : zoneOfAsset(ctx.plant, t)));
  return [...new Set(zones.filter((z): z is string => z !== undefined))];
}

function targetAssets(ctx: AnalysisContext, r: RemoteAccess): string[] {
  const assetIds = new Set(ctx.plant.spec.assets.map((a) => a.id));
  return r.targets.filter((t) => assetIds.has(t));
}

function describe(r: RemoteAccess): string {
  return `${r.method} access${r.vendor ? ` of vendor ${r.vendor}` : ""} "${r.id}"`;
}

export const unmonitoredRemoteAccess: Rule = {
  id: "RA-001",
  title: "Remote access without session monitoring or recording",
  severity: "high",
  contradicts: ["SR 1.13"],
  related: ["SR 2.6", "SR 6.2"],
  description:
    "Remote sessions nobody watches or records let a vendor's mistake, or an intruder using the vendor's path, act on the process unnoticed.",
  remediation:
    "Route remote sessions through a jump host that records them; have an operator approve and watch vendor sessions; terminate idle sessions.",
  check(ctx) {
    return ctx.plant.spec.remoteAccess.flatMap((r, i) =>
      r.monitored || r.sessionRecording
        ? []
        : [
            findingOf(this, {
              subject: r.id,
              summary: `${describe(r)} into ${r.targets.join(", ") || "the plant"} is neither monitored nor recorded.`,
              zones: targetZones(ctx, r),
              assets: targetAssets(ctx, r),
              evidence: [declaredAt(ctx.plant, "remoteAccess", i)],
            }),
          ],
    );
  },
};

export const remoteAccessBypassesJumpHost: Rule = {
  id: "RA-002",
  title: "Remote access that bypasses the jump host",
  severity: "critical",
  contradicts: ["SR 1.13", "SR 5.2"],
  related: ["SR 5.1"],
  description:
    "A remote tool or modem straight into a control system crosses every zone boundary at once; none of the DMZ's controls apply to it.",
  remediation:
    "Remove direct remote tools and modems; give vendors access only through the DMZ jump host, with MFA, approval and recording.",
  check(ctx) {
    return ctx.plant.spec.remoteAccess.flatMap((r, i) =>
      r.via
        ? []
        : [
            findingOf(this, {
              subject: r.id,
              summary: `${describe(r)} reaches ${r.targets.join(", ") || "the plant"} directly, not through a jump host.`,
              zones: targetZones(ctx, r),
              assets: targetAssets(ctx, r),
              evidence: [declaredAt(ctx.plant, "remoteAccess", i)],
            }),
          ],
    );
  },
};

export const remoteAccessWithoutMfa: Rule = {
  id: "RA-003",
  title: "Remote access without multifactor authentication",
  severity: "high",
  contradicts: ["SR 1.1 RE 2"],
  related: ["SR 1.13"],
  description: "Remote access protected by a password alone falls to phishing and password reuse.",
  remediation: "Require multifactor authentication on every remote-access path.",
  check(ctx) {
    return ctx.plant.spec.remoteAccess.flatMap((r, i) =>
      r.mfa
        ? []
        : [
            findingOf(this, {
              subject: r.id,
              summary: `${describe(r)} needs no second factor.`,
              zones: targetZones(ctx, r),
              assets: targetAssets(ctx, r),
              evidence: [declaredAt(ctx.plant, "remoteAccess", i)],
            }),
          ],
    );
  },
};

export const unexplainedRemoteSession: Rule = {
  id: "RA-004",
  title: "Remote session on the network that no declared path explains",
  severity: "high",
  contradicts: ["SR 5.2"],
  related: ["SR 1.13", "SR 6.2", "NET 3.2"],
  description:
    "A remote-control or remote-login session (RDP, VNC, SSH, Telnet, TeamViewer, AnyDesk, VPN) across a zone boundary that no remote-access path or conduit declares is a way in nobody approved, monitors or can switch off.",
  remediation:
    "Find who runs the session and why; route it through the jump host with MFA, approval and recording and declare it as a remote-access path, or block it at the zone boundary and remove the tool.",
  check(ctx) {
    if (!ctx.capture) return [];
    const parties = new CaptureParties(ctx.plant, ctx.capture);
    return remoteSessions(parties).flatMap((s) => {
      const why = explain(ctx.plant, s);
      if (why.explained) return [];
      const first = s.flows[0]!;
      const zones = [...new Set([s.client.zone, s.server.zone].filter((z): z is string => z !== null))];
      return [
        findingOf(this, {
          subject: `${s.method}:${s.client.id}->${s.server.id}`,
          summary:
            `${s.method.toUpperCase()} session from ${s.client.label} to ${s.server.label} at ${formatTime(first.firstSeen)}` +
            `${s.flows.length > 1 ? ` (${s.flows.length} connections)` : ""}: ${why.reason}.`,
          zones,
          assets: [s.client, s.server].filter((p) => p.declared).map((p) => p.id),
          evidence: s.flows.slice(0, FLOWS_CITED).map((f) => ({
            kind: "frame" as const,
            file: f.file,
            frame: f.firstFrame,
            note: `${s.method} ${f.client}:${f.clientPort} -> ${f.server}:${f.serverPort}`,
          })),
        }),
      ];
    });
  },
};

export const remoteAccessWithoutApproval: Rule = {
  id: "RA-005",
  title: "Remote access without session approval",
  severity: "medium",
  contradicts: ["SR 1.13 RE 1", "NET 3.2"],
  related: [],
  description:
    "When a vendor can connect at any time without the site's approval, nobody on site knows a session is running or can stop it while the process is in a sensitive state.",
  remediation:
    "Have the control room approve each remote session (an access request, a switch on the jump host or the VPN account enabled only on request) and close it afterwards.",
  check(ctx) {
    return ctx.plant.spec.remoteAccess.flatMap((r, i) =>
      r.sessionApproval
        ? []
        : [
            findingOf(this, {
              subject: r.id,
              summary: `${describe(r)} opens without anyone on site approving the session.`,
              zones: targetZones(ctx, r),
              assets: targetAssets(ctx, r),
              evidence: [declaredAt(ctx.plant, "remoteAccess", i)],
            }),
          ],
    );
  },
};
