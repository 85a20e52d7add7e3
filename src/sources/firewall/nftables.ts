/**
 * nftables rulesets (`nft list ruleset`, or an `nft -f` file of table blocks): tables of the ip, ip6 and inet
 * families, base chains with hook, priority and policy, named sets and verdict maps, and the rule expressions
 * that filters use. Jumps are inlined as for iptables (see chain-flatten.ts).
 */
import { type AddressRanges, ANY_ADDRESS, ANY_V4, ANY_V6 } from "../../model/address-ranges.js";
import type { FirewallConfig, Ruleset } from "../../model/firewall.js";
import type { InputProblem } from "../../model/problem.js";
import { type ChainRule, flattenChain, type InlineBudget, inlineBudget } from "./chain-flatten.js";
import type { FirewallFormatReader } from "./format.js";
import { hookBindings, hookStage } from "./iptables.js";
import { parseRuleStatement, type SetDefinition } from "./nft-rules.js";
import { type Block, parseRuleset, type Statement, type Token } from "./nft-syntax.js";
import { expected, HOOK_PRIORITY, integerIn } from "./numbers.js";
import { AddressSets, anyMatch, numbered, Warnings } from "./rule-parts.js";
import { wordTable } from "./word-table.js";

const PRIORITY_NAMES: Readonly<Record<string, number>> = wordTable({
  raw: -300,
  mangle: -150,
  dstnat: -100,
  filter: 0,
  security: 50,
  srcnat: 100,
});

const HOOK_NAMES: Readonly<Record<string, string>> = wordTable({
  prerouting: "PREROUTING",
  input: "INPUT",
  forward: "FORWARD",
  output: "OUTPUT",
  postrouting: "POSTROUTING",
});

const UNIVERSES: Readonly<Record<string, AddressRanges>> = wordTable({
  ip: ANY_V4,
  ip6: ANY_V6,
  inet: ANY_ADDRESS,
});

interface ChainDef {
  name: string;
  line: number;
  type: string | null;
  hook: string | null;
  priority: number;
  policy: "accept" | "drop";
  policyLine: number;
  statements: Statement[];
  comments: string[];
}

const texts = (s: Statement) => s.tokens.map((t) => t.text);

export function parseNftables(
  text: string,
  file: string,
): { config: FirewallConfig; problems: InputProblem[] } {
  const w = new Warnings(file);
  const { root, problems } = parseRuleset(text);
  for (const p of problems) w.warn(p.line, p.code, p.message);
  for (const s of root.statements) {
    const first = s.tokens[0]?.text;
    w.warn(
      s.line,
      "not-modelled",
      first === "flush" || first === "define"
        ? `"${texts(s).join(" ")}": script statement ignored (only table blocks are read)`
        : `"${texts(s).slice(0, 6).join(" ")}": not part of an nft ruleset; ignored`,
    );
  }
  const rulesets: Ruleset[] = [];
  let order = 0;
  const budget = inlineBudget();
  const addressSets = new AddressSets();
  for (const table of root.blocks) {
    if (table.head[0]?.text !== "table") {
      w.warn(
        table.line,
        "not-modelled",
        `"${table.head.map((t) => t.text).join(" ")}" block outside a table; ignored`,
      );
      continue;
    }
    const family = table.head.length === 3 ? table.head[1]!.text : "ip";
    const name = table.head.at(-1)!.text;
    const universe = UNIVERSES[family];
    if (!universe) {
      w.warn(
        table.line,
        "not-modelled",
        `table ${family} ${name}: the ${family} family filters no IP routing path; not analysed`,
      );
      continue;
    }
    for (const rs of tableRulesets(table, family, name, universe, file, w, budget, addressSets))
      rulesets.push({ ...rs, bindings: rs.bindings.map((b) => ({ ...b, order: order++ })) });
  }
  return {
    config: {
      file,
      format: "nftables",
      hostname: null,
      interfaces: [],
      routes: [],
      rulesets,
      management: [],
    },
    problems: w.list,
  };
}

function tableRulesets(
  table: Block,
  family: string,
  name: string,
  universe: AddressRanges,
  file: string,
  w: Warnings,
  budget: InlineBudget,
  addressSets: AddressSets,
): Ruleset[] {
  const sets = new Map<string, SetDefinition>();
  const chains = new Map<string, ChainDef>();
  for (const s of table.statements) {
    const first = s.tokens[0]?.text;
    if (first !== "flags" && first !== "comment")
      w.warn(s.line, "not-modelled", `table ${name}: "${texts(s).slice(0, 6).join(" ")}" ignored`);
  }
  for (const b of table.blocks) {
    const kind = b.head[0]!.text;
    const objName = b.head.at(-1)!.text;
    if (kind === "set" || kind === "map") sets.set(objName, setDefinition(b, w));
    else if (kind === "chain") mergeChain(chains, b, w);
    else if (!["counter", "quota", "limit", "flowtable", "ct", "secmark", "synproxy"].includes(kind))
      w.warn(b.line, "not-modelled", `table ${name}: ${kind} block ignored`);
  }

  const parsedChains = new Map<string, ChainRule[]>();
  for (const c of chains.values()) {
    const rules: ChainRule[] = [];
    for (const s of c.statements) {
      const parsed = parseRuleStatement(s, { universe, sets, addressSets });
      for (const p of parsed.problems) w.warn(s.line, p.code, p.message);
      for (const r of parsed.rules) rules.push(r);
    }
    parsedChains.set(c.name, rules);
  }

  const reached = reachedChains(parsedChains, chains);
  for (const c of chains.values())
    if (!reached.has(c.name) && (parsedChains.get(c.name)?.length ?? 0) > 0)
      w.warn(
        c.line,
        "no-effect",
        `chain ${c.name} is not reached from any base chain: its rules never apply`,
      );

  const out: Ruleset[] = [];
  for (const c of chains.values()) {
    if (!c.hook) continue;
    const hook = HOOK_NAMES[c.hook];
    if (c.type === "nat") {
      const n = parsedChains.get(c.name)?.length ?? 0;
      if (n > 0)
        w.warn(
          c.line,
          "not-modelled",
          `chain ${c.name} (type nat): ${n} address-translation rules are not filters; not analysed`,
        );
      continue;
    }
    if (!hook) {
      w.warn(
        c.line,
        "not-modelled",
        `chain ${c.name}: hook ${c.hook} is not on an IP routing path; not analysed`,
      );
      continue;
    }
    const id = `${family} ${name}/${c.name}`;
    const rules = flattenChain(c.name, anyMatch(addressSets, universe), {
      chains: parsedChains,
      file,
      warnings: w,
      addressSets,
      budget,
    });
    out.push({
      id,
      kind: "chain",
      table: `${family} ${name}`,
      filters: true,
      bindings: hookBindings(hook, hookStage(hook, c.priority), c.line),
      defaultAction: c.policy === "drop" ? "deny" : "permit",
      defaultSource: c.policyLine
        ? { line: c.policyLine, text: `policy ${c.policy}`, implicit: false }
        : { line: c.line, text: "policy accept (not written: the nftables default)", implicit: true },
      rules: numbered(id, rules),
    });
  }
  return out;
}

function mergeChain(chains: Map<string, ChainDef>, b: Block, w: Warnings): void {
  const name = b.head[1]!.text;
  const def: ChainDef = chains.get(name) ?? {
    name,
    line: b.line,
    type: null,
    hook: null,
    priority: 0,
    policy: "accept",
    policyLine: 0,
    statements: [],
    comments: [],
  };
  chains.set(name, def);
  for (const s of b.statements) {
    const t = texts(s);
    if (t[0] === "type") {
      def.type = t[1] ?? null;
      const hookAt = t.indexOf("hook");
      def.hook = hookAt >= 0 ? (t[hookAt + 1] ?? null) : null;
      const prioAt = t.indexOf("priority");
      if (prioAt >= 0) def.priority = priority(t.slice(prioAt + 1), s.line, w);
      if (t.includes("device") || t.includes("devices"))
        w.warn(s.line, "not-modelled", `chain ${name}: device binding read as any interface`);
    } else if (t[0] === "policy") {
      def.policy = t[1] === "drop" ? "drop" : "accept";
      def.policyLine = s.line;
    } else if (t[0] === "comment") {
      def.comments.push(t.slice(1).join(" "));
    } else if (t[0] === "devices" || t[0] === "device") {
      w.warn(s.line, "not-modelled", `chain ${name}: device binding read as any interface`);
    } else {
      def.statements.push(s);
    }
  }
}

/**
 * `filter`, `0`, `-150`, `filter + 10`, `mangle - 5`: a signed 32-bit number in the kernel, so anything past that
 * (`1e309`, `9999999999999999`) is reported and read as 0, as a priority that is not a number is.
 */
function priority(words: string[], line: number, w: Warnings): number {
  const [a, op, b] = words;
  if (a === undefined) return 0;
  const base = PRIORITY_NAMES[a] ?? integerIn(a, HOOK_PRIORITY);
  const offset = op === "+" || op === "-" ? integerIn(b, HOOK_PRIORITY) : 0;
  const value = base === null || offset === null ? null : op === "-" ? base - offset : base + offset;
  if (value === null || value < HOOK_PRIORITY.min || value > HOOK_PRIORITY.max) {
    const text = (op === "+" || op === "-" ? [a, op, b ?? ""] : [a]).join(" ").slice(0, 40);
    w.warn(
      line,
      "invalid-value",
      `priority ${text}: ${expected(HOOK_PRIORITY)}, or ${Object.keys(PRIORITY_NAMES).join(", ")} with an optional + or - offset; read as 0`,
    );
    return 0;
  }
  return value;
}

function setDefinition(b: Block, w: Warnings): SetDefinition {
  let type = "";
  let elements: Token[] | null = null;
  for (const s of b.statements) {
    const t = texts(s);
    if (t[0] === "type" || t[0] === "typeof") type = t.slice(1).join(" ");
    if (t[0] === "elements") {
      const open = s.tokens.findIndex((x) => x.text === "{");
      elements = s.tokens.slice(open + 1, s.tokens.length - 1);
    }
  }
  const def: SetDefinition = { name: b.head[1]!.text, line: b.line, type, elements };
  if (elements === null && b.head[0]!.text === "set" && /addr/.test(type))
    w.warn(
      b.line,
      "not-modelled",
      `set ${def.name} has no elements in the file (filled at run time); rules using it match unknown addresses`,
    );
  return def;
}

function reachedChains(rules: Map<string, ChainRule[]>, chains: Map<string, ChainDef>): Set<string> {
  const reached = new Set<string>();
  const visit = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    for (const r of rules.get(name) ?? []) if (r.target) visit(r.target);
  };
  for (const c of chains.values()) if (c.hook) visit(c.name);
  return reached;
}

export const nftablesFormat = {
  name: "nftables",
  title: "nftables (nft list ruleset)",
  signs: [
    { pattern: /^\s*table\s+(ip|ip6|inet|arp|bridge|netdev)\s+\S+\s*\{/m, weight: 6 },
    { pattern: /^\s*type\s+(filter|nat|route)\s+hook\s+\w+/m, weight: 4 },
  ],
  parse: parseNftables,
} satisfies FirewallFormatReader;
