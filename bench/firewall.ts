/**
 * Firewall benchmark (issue 4): a generated Cisco ASA configuration of 20,000 access-list entries over 600
 * network objects, 260 network object-groups nested up to four levels and 100 service groups, bound to four
 * interfaces, with repeated and covered entries as real rule bases have them. Parsed, compiled to packet sets,
 * checked for shadowed and redundant rules (exactly, see src/analysis/firewall/rule-order.ts), then run
 * through every firewall rule (FW-0xx). Prints the time of each step.
 */

import { analysisContext } from "../src/analysis/context.js";
import { rulesOf, runRules } from "../src/analysis/registry.js";
import { PlantFile } from "../src/model/plant.js";
import { parseFirewallConfig } from "../src/sources/firewall/load.js";
import { Prng } from "../src/synth/prng.js";
import { log } from "./bench-env.js";

const ENTRIES = 20_000;
const OBJECTS = 600;
const GROUPS = 200;
const NESTED_GROUPS = 60;
const SERVICE_GROUPS = 100;
const ACLS: readonly [string, string, number][] = [
  ["inside_in", "inside", 0.4],
  ["outside_in", "outside", 0.3],
  ["dmz_in", "dmz", 0.2],
  ["ot_in", "ot", 0.1],
];

export function generateAsa(seed = 62443): string {
  const rng = new Prng(seed);
  const next = () => rng.float();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const host = () => `10.${int(0, 40)}.${int(0, 255)}.${int(1, 254)}`;
  const lines: string[] = [
    "ASA Version 9.16(4)",
    "hostname bench-asa",
    "interface GigabitEthernet0/0",
    " nameif outside",
    " security-level 0",
    " ip address 203.0.113.2 255.255.255.0",
    "interface GigabitEthernet0/1",
    " nameif inside",
    " security-level 100",
    " ip address 10.0.0.1 255.255.0.0",
    "interface GigabitEthernet0/2",
    " nameif dmz",
    " security-level 50",
    " ip address 172.16.0.1 255.255.0.0",
    "interface GigabitEthernet0/3",
    " nameif ot",
    " security-level 90",
    " ip address 192.168.0.1 255.255.0.0",
  ];
  for (let i = 0; i < OBJECTS; i++) {
    lines.push(`object network obj-${i}`);
    lines.push(i % 7 === 0 ? ` subnet 10.${int(0, 40)}.${int(0, 255)}.0 255.255.255.0` : ` host ${host()}`);
  }
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++) {
    lines.push(`object-group network grp-${i}`);
    for (let k = int(5, 15); k > 0; k--)
      lines.push(
        next() < 0.7 ? ` network-object object obj-${int(0, OBJECTS - 1)}` : ` network-object host ${host()}`,
      );
    groups.push(`grp-${i}`);
  }
  // Groups of groups, each level built on the one before: up to four levels deep.
  for (let i = 0; i < NESTED_GROUPS; i++) {
    lines.push(`object-group network nest-${i}`);
    for (let k = int(2, 4); k > 0; k--) lines.push(` group-object ${pick(groups)}`);
    if (next() < 0.3) lines.push(` network-object object obj-${int(0, OBJECTS - 1)}`);
    groups.push(`nest-${i}`);
  }
  const services: string[] = [];
  for (let i = 0; i < SERVICE_GROUPS; i++) {
    lines.push(`object-group service svc-${i} tcp`);
    for (let k = int(1, 6); k > 0; k--)
      lines.push(
        next() < 0.8
          ? ` port-object eq ${int(1, 65000)}`
          : ` port-object range ${int(1024, 30000)} ${int(30001, 65000)}`,
      );
    if (i >= 20 && next() < 0.3) lines.push(` group-object svc-${int(0, 19)}`);
    services.push(`svc-${i}`);
  }
  const aces: string[] = [];
  for (const [acl, , share] of ACLS) {
    const count = Math.round(ENTRIES * share);
    const written: string[] = [];
    for (let i = 0; i < count; i++) {
      const r = next();
      let ace: string;
      if (r < 0.03 && written.length) ace = pick(written);
      else if (r < 0.45) ace = `permit tcp host ${host()} host ${host()} eq ${int(1, 65000)}`;
      else if (r < 0.65)
        ace = `permit tcp object-group ${pick(groups)} object-group ${pick(groups)} object-group ${pick(services)}`;
      else if (r < 0.8)
        ace = `permit udp object obj-${int(0, OBJECTS - 1)} object-group ${pick(groups)} eq ${int(1, 65000)}`;
      else if (r < 0.9) ace = `deny ip object-group ${pick(groups)} host ${host()}`;
      else if (r < 0.97)
        ace = `permit tcp 10.${int(0, 40)}.${int(0, 255)}.0 255.255.255.0 object-group ${pick(groups)} range ${int(1, 1024)} ${int(1025, 5000)}`;
      else ace = `permit tcp any object-group ${pick(groups)} eq ${pick([22, 80, 443, 502, 3389])}`;
      written.push(ace);
      aces.push(`access-list ${acl} extended ${ace}${next() < 0.3 ? " log" : ""}`);
    }
  }
  lines.push(...aces);
  for (const [acl, iface] of ACLS) lines.push(`access-group ${acl} in interface ${iface}`);
  return `${lines.join("\n")}\n`;
}

export async function benchFirewall(): Promise<void> {
  log(`\n== firewall: ${ENTRIES.toLocaleString("en")} ASA access-list entries, nested object-groups ==`);
  const text = generateAsa();
  const cpu = process.cpuUsage();
  let t = process.hrtime.bigint();
  let c = process.cpuUsage();
  // Wall time and CPU time of each step: CPU time stays meaningful when other work shares the machine.
  const lap = () => {
    const now = process.hrtime.bigint();
    const used = process.cpuUsage(c);
    const s = `${(Number(now - t) / 1e9).toFixed(2)} s (CPU ${((used.user + used.system) / 1e6).toFixed(2)} s)`;
    t = now;
    c = process.cpuUsage();
    return s;
  };
  const { config, problems } = parseFirewallConfig(text, "bench.asa");
  if (!config) throw new Error(problems.map((p) => p.message).join("; "));
  const rules = config.rulesets.reduce((n, rs) => n + rs.rules.length, 0);
  log(
    `parse       ${lap()}  ${(text.length / 1e6).toFixed(1)} MB, ${rules} rules, ${problems.length} warnings`,
  );
  const plant = { file: "bench", spec: PlantFile.parse({ site: { name: "bench" } }), lines: {} };
  const ctx = analysisContext({ plant, capture: null, now: new Date(), firewalls: [config] });
  let shadowed = 0;
  let redundant = 0;
  let undecided = 0;
  for (const { order } of ctx.rulesets)
    for (const s of order.standings) {
      if (s.status === "shadowed") shadowed++;
      if (s.status === "redundant") redundant++;
      if (s.status === "undecided") undecided++;
    }
  log(
    `derive      ${lap()}  packet sets of every rule, rule order: ${shadowed} shadowed, ${redundant} redundant, ${undecided} undecided`,
  );
  const findings = runRules(ctx, rulesOf("FW"));
  log(`FW rules    ${lap()}  ${findings.length} findings`);
  const used = process.cpuUsage(cpu);
  log(
    `total CPU   ${((used.user + used.system) / 1e6).toFixed(2)} s, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`,
  );
}
