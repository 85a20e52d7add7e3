/** Checks of the declared vendor and staff remote-access paths. */
import type { RemoteAccess } from "../model/plant.js";
import { declaredAt, zoneOfAsset } from "./plant-lookup.js";
import { type AnalysisContext, findingOf, type Rule } from "./rule.js";

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
  requirements: ["SR 1.13", "SR 2.6", "SR 6.2"],
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
  requirements: ["SR 1.13", "SR 5.1", "SR 5.2"],
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
  requirements: ["SR 1.1 RE 2", "SR 1.13"],
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
