import { existsSync } from "node:fs";
import type { Command } from "commander";
import { loadPlant } from "../app/assess.js";
import { PlantInputError } from "../app/errors.js";
import { type FirewallReview, reviewFirewalls } from "../app/firewalls.js";
import { formatEvidence } from "../model/evidence.js";
import type { FirewallConfig, FirewallRule, Service } from "../model/firewall.js";
import type { Plant } from "../model/plant.js";
import { formatProblem } from "../model/problem.js";
import { EXIT_BAD_INPUT, UsageError } from "./exit-codes.js";
import { bold, dim, red, yellow } from "./terminal.js";

interface FirewallFlags {
  json?: boolean;
  plant?: string;
}

const PROTOCOLS: Readonly<Record<number, string>> = {
  1: "icmp",
  6: "tcp",
  17: "udp",
  58: "icmpv6",
  132: "sctp",
};

function ports(p: { from: number; to: number }[] | null): string {
  return p === null ? "" : p.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(",");
}

function serviceText(s: Service): string {
  if (s.protocol === null) return "any";
  const name = PROTOCOLS[s.protocol] ?? `proto ${s.protocol}`;
  if (s.icmpType !== null)
    return `${name} type ${s.icmpType}${s.icmpCode !== null ? ` code ${s.icmpCode}` : ""}`;
  const dst = ports(s.destinationPorts);
  const src = ports(s.sourcePorts);
  return `${name}${dst ? `/${dst}` : ""}${src ? ` from port ${src}` : ""}`;
}

function addresses(set: FirewallRule["sources"]): string {
  const list = [...set.ranges, ...set.unresolved.map((u) => `?${u}`)];
  if (list.length === 2 && list[0] === "0.0.0.0/0" && list[1] === "::/0") return "any";
  return list.length > 3 ? `${list.slice(0, 3).join(",")},+${list.length - 3}` : list.join(",") || "none";
}

function ruleLine(r: FirewallRule): string {
  const ifaces = r.from || r.to ? ` ${r.from?.join(",") ?? "any"}>${r.to?.join(",") ?? "any"}` : "";
  const flags = [
    r.log ? "log" : "",
    r.enabled ? "" : "disabled",
    r.implicit ? "implicit" : "",
    r.states ? `state ${r.states.join(",")}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return `  ${String(r.position).padStart(4)} :${String(r.line).padEnd(5)} ${r.action.padEnd(7)}${ifaces} ${addresses(r.sources)} -> ${addresses(r.destinations)} ${r.services.map(serviceText).join(" ")}${flags ? ` [${flags}]` : ""}${r.unmodelled.length ? dim(` (also: ${r.unmodelled.join("; ")})`) : ""}`;
}

function printConfig(c: FirewallConfig): void {
  const rules = c.rulesets.reduce((n, rs) => n + rs.rules.length, 0);
  process.stdout.write(
    `${bold(c.file)}  ${c.format}${c.hostname ? `  ${c.hostname}` : ""}  ${c.interfaces.length} interfaces, ${c.rulesets.length} rule sets, ${rules} rules\n`,
  );
  for (const rs of c.rulesets) {
    const bound = rs.bindings.length
      ? rs.bindings
          .map(
            (b) =>
              `${b.traffic}${b.from ? ` in ${b.from.join(",")}` : ""}${b.to ? ` out ${b.to.join(",")}` : ""}`,
          )
          .join(", ")
      : "not bound";
    process.stdout.write(` ${rs.id} (${bound}; default ${rs.defaultAction}: ${rs.defaultSource.text})\n`);
    for (const r of rs.rules) process.stdout.write(`${ruleLine(r)}\n`);
  }
}

function printReview(review: FirewallReview): void {
  for (const c of review.configs) printConfig(c);
  for (const p of review.problems)
    process.stdout.write(
      `${p.severity === "error" ? red("error") : yellow("warning")} ${formatProblem(p)}\n`,
    );
  process.stdout.write(`\n${bold(`${review.findings.length} findings`)}\n`);
  for (const f of review.findings) {
    process.stdout.write(`${f.severity.padEnd(8)} ${f.rule}  ${f.summary}\n`);
    for (const e of f.evidence)
      process.stdout.write(`         ${dim(formatEvidence(e))}${e.note ? ` ${dim(e.note)}` : ""}\n`);
  }
}

export function registerFirewall(program: Command): void {
  program
    .command("firewall")
    .description(
      "read firewall configurations (iptables-save, nftables, Cisco ASA, FortiOS): normalized rules and rule findings",
    )
    .argument("<config...>", "configuration files")
    .option("--json", "print the normalized configurations, problems and findings as JSON")
    .option("--plant <dir>", "judge the rules against the zones of this plant folder")
    .action((files: string[], flags: FirewallFlags) => {
      for (const f of files) if (!existsSync(f)) throw new UsageError(`${f}: no such file`);
      let plant: Plant | undefined;
      try {
        plant = flags.plant ? loadPlant(flags.plant).plant : undefined;
      } catch (err) {
        if (!(err instanceof PlantInputError)) throw err;
        for (const p of err.problems.filter((x) => x.severity === "error"))
          process.stderr.write(`${red("error", process.stderr)} ${formatProblem(p)}\n`);
        process.exitCode = EXIT_BAD_INPUT;
        return;
      }
      const review = reviewFirewalls(files, plant ? { plant } : {});
      if (flags.json) process.stdout.write(`${JSON.stringify(review, null, 2)}\n`);
      else printReview(review);
      if (review.problems.some((p) => p.severity === "error")) process.exitCode = EXIT_BAD_INPUT;
    });
}
