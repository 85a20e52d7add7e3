/** FW-012 permit rules that no observed flow used. */
import {
  type AddressRanges,
  containsAddress,
  intersectAddresses,
  parseAddressList,
} from "../../model/address-ranges.js";
import type { Finding } from "../../model/finding.js";
import { findingOf, type Rule } from "../rule.js";
import { addressesOfAsset, admitsNew, carries, deviceAsset, ruleAt, where } from "./audit.js";
import { type Cube, cubesOverlap } from "./cubes.js";
import { admittedZones, placedOnDevice } from "./device-zones.js";
import { flowCube } from "./flow-cube.js";

// About the traffic one permit opens: in the zones that traffic comes from and reaches (device when none).
export const unusedRule: Rule = placedOnDevice({
  id: "FW-012",
  title: "Permit rule not used by any observed flow",
  severity: "low",
  contradicts: [],
  related: ["SR 7.7", "SR 5.2 RE 1"],
  description:
    "A permit that no traffic in the capture period used is probably left over from a project or a vendor visit; it widens the boundary for nothing. A rule is judged only when the captures show its source hosts talking to its destination hosts on other services: the captures did see that path, and never the service the rule admits.",
  remediation:
    "Confirm with the owner of the conduit that the flow is no longer needed and delete the rule, or disable it with a review date.",
  check(ctx) {
    const flows = (ctx.capture?.flows ?? [])
      .map((f) => ({ f, cube: flowCube(f) }))
      .filter((x): x is { f: (typeof x)["f"]; cube: Cube } => x.cube !== null);
    if (flows.length === 0) return [];
    const files = [...new Set(ctx.capture!.stats.files.map((f) => f.path))];
    const out = new Map<string, Finding>();
    for (const audited of ctx.rulesets) {
      const { config, rs, order } = audited;
      if (rs.ruleset.bindings.length === 0) continue;
      const input = carries(rs, "input") && !carries(rs, "forward");
      // To-the-device rules are judged only where the device's own addresses are known.
      const device = input ? addressesOfAsset(deviceAsset(ctx.plant, config.config)) : null;
      if (input && !device) continue;
      for (const r of rs.rules) {
        const s = order.standings[r.index]!;
        if (r.rule.action !== "permit" || r.rule.implicit || !admitsNew(r.rule) || s.status !== "reachable")
          continue;
        if (s.effective.length === 0) continue;
        const src = parseAddressList(r.rule.sources.ranges).ranges;
        let dst: AddressRanges = parseAddressList(r.rule.destinations.ranges).ranges;
        if (device) dst = intersectAddresses(dst, device);
        const path = flows.filter(
          ({ f }) => containsAddress(src, f.client) && containsAddress(dst, f.server),
        );
        if (path.length === 0) continue;
        if (flows.some(({ cube }) => s.effective.some((e) => cubesOverlap(cube, e)))) continue;
        const subject = `${r.rule.file}:${r.rule.line}`;
        if (out.has(subject)) continue;
        const example = path[0]!.f;
        out.set(
          subject,
          findingOf(this, {
            subject,
            ...admittedZones(ctx, audited, r.rule, s.effective),
            summary: `${where(r.rule, rs.ruleset.id)} permitted none of the ${flows.length} IP flows in ${files.join(", ")}, though its hosts talked on other services (${path.length} flows, e.g. ${example.client} -> ${example.server}:${example.serverPort ?? ""}/${example.transport}).`,
            evidence: [
              ruleAt(r.rule, r.rule.text),
              {
                kind: "frame",
                file: example.file,
                frame: example.firstFrame,
                note: "the same hosts, another service",
              },
            ],
          }),
        );
      }
    }
    return [...out.values()];
  },
});
