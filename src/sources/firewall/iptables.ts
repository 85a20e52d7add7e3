/**
 * iptables-save / iptables-restore files: tables, built-in chain policies, user chains, `-A`/`-I` rules. Jumps to
 * user chains are followed and inlined, so each built-in chain becomes one ordered rule set whose rules carry the
 * conjunction of the jump conditions that lead to them (`via`).
 */

import { type AddressRanges, ANY_V4, ANY_V6 } from "../../model/address-ranges.js";
import type { FirewallConfig, Ruleset, RulesetBinding, TrafficKind } from "../../model/firewall.js";
import type { InputProblem } from "../../model/problem.js";
import { append } from "../append.js";
import { parseCtime } from "../export-dates.js";
import { type ChainRule, flattenChain, type InlineBudget, inlineBudget } from "./chain-flatten.js";
import type { FirewallFormatReader } from "./format.js";
import { parseSpec } from "./iptables-options.js";
import { expected, integerIn } from "./numbers.js";
import { AddressSets, anyMatch, numbered, Warnings, words } from "./rule-parts.js";
import { wordTable } from "./word-table.js";

interface RawRule {
  line: number;
  text: string;
  args: string[];
}

interface Chain {
  name: string;
  builtin: boolean;
  policy: "ACCEPT" | "DROP" | null;
  policyLine: number;
  rules: RawRule[];
}

interface Table {
  name: string;
  line: number;
  chains: Map<string, Chain>;
}

const BUILTIN: Readonly<Record<string, readonly string[]>> = wordTable({
  filter: ["INPUT", "FORWARD", "OUTPUT"],
  mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
  raw: ["PREROUTING", "OUTPUT"],
  security: ["INPUT", "FORWARD", "OUTPUT"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
});

/** netfilter priorities of the tables at their hooks. */
const PRIORITY: Readonly<Record<string, number>> = wordTable({
  raw: -300,
  mangle: -150,
  nat: -100,
  filter: 0,
  security: 50,
});

/** Hook position along a packet's path and the traffic each built-in chain sees. */
const HOOKS: Readonly<Record<string, { index: number; traffic: TrafficKind[] }>> = wordTable({
  PREROUTING: { index: 0, traffic: ["input", "forward"] },
  INPUT: { index: 1, traffic: ["input"] },
  FORWARD: { index: 1, traffic: ["forward"] },
  OUTPUT: { index: 1, traffic: ["output"] },
  POSTROUTING: { index: 2, traffic: ["forward", "output"] },
});

export function hookStage(hook: string, priority: number): number {
  return (HOOKS[hook]?.index ?? 1) * 1000 + priority;
}

export function hookBindings(hook: string, stage: number, line: number): RulesetBinding[] {
  return (HOOKS[hook]?.traffic ?? []).map((traffic) => ({
    traffic,
    from: null,
    to: null,
    stage,
    order: 0,
    line,
  }));
}

export function parseIptables(
  text: string,
  file: string,
): { config: FirewallConfig; problems: InputProblem[] } {
  const w = new Warnings(file);
  const tables: Table[] = [];
  let current: Table | null = null;
  const lines = text.split(/\r?\n/);

  const chainOf = (name: string, lineNo: number): Chain | null => {
    if (!current) {
      w.warn(lineNo, "unparsed-line", "rule outside a table (no *filter/*nat/... line before it); skipped");
      return null;
    }
    const c = current.chains.get(name);
    if (c) return c;
    if (BUILTIN[current.name]?.includes(name)) {
      const created: Chain = { name, builtin: true, policy: null, policyLine: 0, rules: [] };
      current.chains.set(name, created);
      return created;
    }
    w.warn(
      lineNo,
      "unresolved-name",
      `chain ${name} is not declared in table ${current.name}; the rule is skipped (iptables-restore refuses it)`,
    );
    return null;
  };

  lines.forEach((raw, idx) => {
    const lineNo = idx + 1;
    let line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    if (line === "iptables-save" || line === "ip6tables-save") {
      w.warn(lineNo, "unparsed-line", `"${line}" is a command name, not iptables-save content; ignored`);
      return;
    }
    if (line.startsWith("*")) {
      const name = line.slice(1).trim();
      if (!BUILTIN[name])
        w.warn(lineNo, "not-modelled", `unknown table "${name}"; its rules are read as a filter table's`);
      current = { name, line: lineNo, chains: new Map() };
      tables.push(current);
      return;
    }
    if (line === "COMMIT") {
      current = null;
      return;
    }
    const counters = /^\[\d+:\d+\]\s+/.exec(line);
    if (counters) line = line.slice(counters[0].length);
    if (line.startsWith(":")) {
      const m = /^:(\S+)\s+(\S+)/.exec(line);
      if (!m || !current) {
        w.warn(lineNo, "unparsed-line", "chain declaration outside a table; ignored");
        return;
      }
      const [, name, policy] = m as unknown as [string, string, string];
      const builtin = policy !== "-";
      if (builtin && policy !== "ACCEPT" && policy !== "DROP")
        w.warn(lineNo, "invalid-value", `policy ${policy} is not ACCEPT or DROP`);
      const t: Table = current;
      t.chains.set(name, {
        name,
        builtin,
        policy: policy === "DROP" ? "DROP" : builtin ? "ACCEPT" : null,
        policyLine: builtin ? lineNo : 0,
        rules: t.chains.get(name)?.rules ?? [],
      });
      return;
    }
    const args = words(line);
    const op = args[0];
    if (op === "-N" || op === "--new-chain") {
      const t = current as Table | null;
      if (t && args[1] && !t.chains.has(args[1]))
        t.chains.set(args[1], { name: args[1], builtin: false, policy: null, policyLine: 0, rules: [] });
      return;
    }
    if (op === "-P" || op === "--policy") {
      const c = args[1] ? chainOf(args[1], lineNo) : null;
      if (c) {
        c.policy = args[2] === "DROP" ? "DROP" : "ACCEPT";
        c.policyLine = lineNo;
      }
      return;
    }
    if (op === "-F" || op === "--flush") {
      const t = current as Table | null;
      for (const c of t?.chains.values() ?? []) if (!args[1] || c.name === args[1]) c.rules = [];
      return;
    }
    if (op === "-A" || op === "--append" || op === "-I" || op === "--insert") {
      const c = args[1] ? chainOf(args[1], lineNo) : null;
      if (!c) return;
      let rest = args.slice(2);
      let at = c.rules.length;
      if (op === "-I" || op === "--insert") {
        at = 0;
        const number = rest[0];
        if (number !== undefined && /^\d+$/.test(number)) {
          // iptables numbers the rules from 1 and inserts before the one named, or after the last (rules + 1).
          const range = { min: 1, max: c.rules.length + 1 };
          const n = integerIn(number, range);
          at = n === null ? (/^0+$/.test(number) ? 0 : c.rules.length) : n - 1;
          if (n === null)
            w.warn(
              lineNo,
              "invalid-value",
              `-I ${c.name} ${number.slice(0, 20)}: rule number ${expected(range)} (iptables-restore refuses it); inserted ${at === 0 ? "first" : "last"}`,
            );
          rest = rest.slice(1);
        }
      }
      c.rules.splice(at, 0, { line: lineNo, text: line, args: rest });
      return;
    }
    w.warn(lineNo, "unparsed-line", `not iptables-save syntax: "${line.slice(0, 60)}"; ignored`);
  });
  if (current) w.warn(lines.length, "unparsed-line", `table ${(current as Table).name} has no COMMIT line`);

  const rulesets: Ruleset[] = [];
  const families = new Map<Table, 4 | 6>();
  for (const t of tables) {
    // A second dump of a table with no address to tell its family is the ip6tables-save half of the file.
    const earlier = [...families.entries()].find(([e]) => e.name === t.name);
    families.set(t, familyOf(t) ?? (earlier?.[1] === 4 ? 6 : 4));
  }
  const seen = new Map<string, Table>();
  for (const t of tables) {
    const key = `${families.get(t)}/${t.name}`;
    const earlier = seen.get(key);
    if (earlier)
      w.warn(
        t.line,
        "duplicate-id",
        `table ${t.name} appears again (first at line ${earlier.line}); iptables-restore replaces it, so only this one counts`,
      );
    seen.set(key, t);
  }
  const dualStack = new Set(families.values()).size > 1;
  const budget = inlineBudget();
  const addressSets = new AddressSets();
  for (const t of seen.values()) {
    const family = families.get(t)!;
    if (t.name === "nat") {
      const n = [...t.chains.values()].reduce((s, c) => s + c.rules.length, 0);
      if (n > 0)
        w.warn(
          t.line,
          "not-modelled",
          `table nat: ${n} address-translation rules are read but are not filters; the analyses use real addresses`,
        );
      continue;
    }
    append(rulesets, tableRulesets(t, family, dualStack, file, w, budget, addressSets));
  }
  return {
    config: {
      file,
      format: "iptables",
      hostname: null,
      interfaces: [],
      routes: [],
      rulesets,
      management: [],
    },
    problems: w.list,
  };
}

/** An `ip6tables-save` table is told apart by its addresses and ICMPv6 matches; null when nothing tells. */
function familyOf(t: Table): 4 | 6 | null {
  for (const c of t.chains.values())
    for (const r of c.rules) {
      const addr = r.args.find(
        (a, i) => /^(-s|-d|--source|--destination)$/.test(r.args[i - 1] ?? "") && a !== "!",
      );
      if (addr) return addr.includes(":") ? 6 : 4;
      if (r.args.some((a) => a === "--icmpv6-type" || a === "icmpv6" || a === "ipv6-icmp")) return 6;
    }
  return null;
}

function tableRulesets(
  t: Table,
  family: 4 | 6,
  dualStack: boolean,
  file: string,
  w: Warnings,
  budget: InlineBudget,
  addressSets: AddressSets,
): Ruleset[] {
  const universe: AddressRanges = family === 4 ? ANY_V4 : ANY_V6;
  const userChains = new Set([...t.chains.values()].filter((c) => !c.builtin).map((c) => c.name));
  const chains = new Map<string, ChainRule[]>();
  for (const c of t.chains.values()) {
    const rules: ChainRule[] = [];
    for (const r of c.rules) {
      const spec = parseSpec(r.args, { universe, chains: userChains, addressSets });
      for (const p of spec.problems) w.warn(r.line, p.code, p.message);
      if (spec.rejected) {
        w.warn(r.line, "no-effect", spec.rejected);
        continue;
      }
      if (spec.family !== null && spec.family !== family) {
        w.warn(
          r.line,
          "no-effect",
          `-${spec.family}: the rule is for IPv${spec.family} only; iptables-restore skips it in this IPv${family} table`,
        );
        continue;
      }
      const t = spec.target;
      if (!t) {
        w.warn(r.line, "no-effect", "no -j target: the rule only counts packets");
        continue;
      }
      rules.push({
        line: r.line,
        text: r.text,
        match: spec.match,
        action: t.kind,
        ...("chain" in t ? { target: t.chain } : {}),
        log: false,
        ...(spec.comment !== undefined ? { comment: spec.comment } : {}),
      });
    }
    chains.set(c.name, rules);
  }

  const out: Ruleset[] = [];
  const prefix = dualStack && family === 6 ? "ip6 " : "";
  for (const hook of BUILTIN[t.name] ?? ["INPUT", "FORWARD", "OUTPUT"]) {
    // Built-in chains exist whether the dump lists them or not; the filter table's always matter.
    const chain =
      t.chains.get(hook) ??
      (t.name === "filter" ? { name: hook, builtin: true, policy: null, policyLine: 0, rules: [] } : null);
    if (!chain) continue;
    if (chain.policy === null && (chain.rules.length > 0 || t.name === "filter"))
      w.warn(
        t.line,
        "unparsed-line",
        `built-in chain ${hook} of table ${t.name} has no policy line; iptables-restore keeps the running policy, assumed ACCEPT (the kernel default)`,
      );
    const rules = flattenChain(hook, anyMatch(addressSets, universe), {
      chains,
      file,
      warnings: w,
      addressSets,
      budget,
    });
    const id = `${prefix}${t.name}/${hook}`;
    const stage = hookStage(hook, PRIORITY[t.name] ?? 0);
    out.push({
      id,
      kind: "chain",
      table: t.name,
      filters: true,
      bindings: hookBindings(hook, stage, chain.policyLine),
      defaultAction: chain.policy === "DROP" ? "deny" : "permit",
      defaultSource: chain.policyLine
        ? { line: chain.policyLine, text: `:${hook} ${chain.policy}`, implicit: false }
        : { line: 0, text: `${hook} ACCEPT (no policy line: kernel default)`, implicit: true },
      rules: numbered(id, rules),
    });
  }
  return out;
}

/** iptables-save's header: `# Generated by iptables-save v1.8.7 on Tue Nov 18 09:12:44 2025`. */
const GENERATED = /^# Generated by ip6?tables-save\b.* on (.+)$/m;

function savedAt(text: string): string | null {
  const m = GENERATED.exec(text.slice(0, 4096));
  return (m && parseCtime(m[1]!)) ?? null;
}

export const iptablesFormat = {
  name: "iptables",
  title: "iptables-save",
  writtenAt: savedAt,
  signs: [
    { pattern: /^\*\s?(filter|nat|mangle|raw|security)\s*$/m, weight: 5 },
    { pattern: /^:[A-Z][\w-]*\s+(ACCEPT|DROP|-)\s+\[\d+:\d+\]/m, weight: 5 },
    { pattern: /^(-A|-I|-N)\s+\S+/m, weight: 2 },
    { pattern: /^COMMIT\s*$/m, weight: 2 },
  ],
  parse: parseIptables,
} satisfies FirewallFormatReader;
