/**
 * Fortinet FortiOS configurations: interfaces (addresses, VLAN, role, allowaccess), zones, addresses and nested
 * address groups (with exclusions), custom and grouped services, VIPs, firewall policies in evaluation order
 * (srcintf/dstintf, action, logtraffic, status, negation) with the implicit deny, local-in policies and static
 * routes.
 */
import {
  type AddressRanges,
  ANY_ADDRESS,
  ANY_V4,
  ANY_V6,
  EMPTY_ADDRESSES,
  maskLength,
  parseAddressRange,
  subtractAddresses,
  unionAllAddresses,
} from "../../model/address-ranges.js";
import {
  type AddressSet,
  ANY_SERVICE,
  type FirewallConfig,
  type FirewallInterface,
  ICMP,
  ICMPV6,
  type ManagementAccess,
  type PortRange,
  type Ruleset,
  SCTP,
  type Service,
  type StaticRoute,
  TCP,
  UDP,
} from "../../model/firewall.js";
import * as iv from "../../model/intervals.js";
import type { InputProblem } from "../../model/problem.js";
import { append } from "../append.js";
import { portNumber } from "../port-number.js";
import type { FirewallFormatReader } from "./format.js";
import { FORTIOS_PREDEFINED } from "./fortios-services.js";
import { type ConfigNode, type Entry, first, parseFortiTree, setting } from "./fortios-tree.js";
import { expected, integerIn, OCTET, VLAN_ID } from "./numbers.js";
import {
  AddressSets,
  MAX_GROUP_DEPTH,
  NESTED_TOO_DEEP,
  numbered,
  portRanges,
  type RuleFields,
  service,
  Warnings,
} from "./rule-parts.js";
import { wordTable } from "./word-table.js";

interface Resolved {
  ranges: AddressRanges;
  unresolved: string[];
}

/** Sections that decide traffic but that this reader does not model. */
const UNMODELLED_SECTIONS = new Set([
  "firewall security-policy",
  "firewall proxy-policy",
  "firewall interface-policy",
  "firewall multicast-policy",
  "firewall policy46",
  "firewall policy64",
]);

const CLEARTEXT_ACCESS: Readonly<Record<string, ManagementAccess["protocol"]>> = wordTable({
  http: "http",
  telnet: "telnet",
});

export function parseFortios(
  text: string,
  file: string,
): { config: FirewallConfig; problems: InputProblem[] } {
  const w = new Warnings(file);
  const roots = parseFortiTree(text, w);
  const vdoms = roots.filter((r) => r.path === "vdom").flatMap((r) => r.entries);
  if (vdoms.length > 1)
    w.warn(
      vdoms[1]!.line,
      "not-modelled",
      `${vdoms.length} VDOMs: their tables are read as one firewall (names must not clash)`,
    );
  const sections = new Map<string, ConfigNode[]>();
  for (const node of [...roots, ...vdoms.flatMap((v) => v.children)]) {
    const list = sections.get(node.path) ?? [];
    list.push(node);
    sections.set(node.path, list);
  }
  const entries = (path: string): Entry[] => (sections.get(path) ?? []).flatMap((n) => n.entries);
  for (const path of UNMODELLED_SECTIONS)
    for (const n of sections.get(path) ?? [])
      if (n.entries.length)
        w.warn(
          n.line,
          "not-modelled",
          `config ${path}: ${n.entries.length} entries not modelled; traffic they decide is not analysed`,
        );

  const hostname =
    (sections.get("system global") ?? []).map((n) => first(n, "hostname")).find(Boolean) ?? null;
  const zones = new Map<string, { members: string[]; line: number }>();
  for (const z of entries("system zone"))
    zones.set(z.name, { members: setting(z, "interface") ?? [], line: z.line });
  const interfaces = entries("system interface").map((e) => interfaceOf(e, zones, w));

  const r = new FortiResolver(entries, w, interfaces);
  // Resolve every object once, used or not, so that undefined references and loops are reported.
  for (const path of [
    "firewall address",
    "firewall address6",
    "firewall addrgrp",
    "firewall addrgrp6",
    "firewall vip",
  ])
    for (const e of entries(path)) r.address(e.name, e.line);
  for (const path of ["firewall service custom", "firewall service group"])
    for (const e of entries(path)) r.serviceNamed(e.name, e.line);
  const expandIntf = (names: string[] | undefined): string[] | null => {
    if (!names || names.includes("any")) return null;
    return [...new Set(names.flatMap((n) => zones.get(n)?.members ?? [n]))];
  };

  const addressSets = new AddressSets();
  const rulesets: Ruleset[] = [];
  const policies = [...entries("firewall policy"), ...entries("firewall policy6")];
  if (policies.length || sections.has("firewall policy")) {
    const id = "firewall policy";
    const rules = policies.map((p) => policyRule(p, r, expandIntf, addressSets, file, w, "policy"));
    rulesets.push({
      id,
      kind: "policy",
      table: null,
      filters: true,
      bindings: [
        {
          traffic: "forward",
          from: null,
          to: null,
          stage: 1,
          order: 0,
          line: sections.get("firewall policy")?.[0]?.line ?? 0,
        },
      ],
      defaultAction: "deny",
      defaultSource: { line: 0, text: "implicit deny (policy 0)", implicit: true },
      rules: numbered(id, rules),
    });
  }
  const localIn = entries("firewall local-in-policy");
  if (localIn.length) {
    const id = "firewall local-in-policy";
    rulesets.push({
      id,
      kind: "policy",
      table: null,
      filters: true,
      bindings: [{ traffic: "input", from: null, to: null, stage: 1, order: 0, line: localIn[0]!.line }],
      defaultAction: "permit",
      defaultSource: {
        line: 0,
        text: "local-in traffic not matched is handled by the interface's allowaccess",
        implicit: true,
      },
      rules: numbered(
        id,
        localIn.map((p) => policyRule(p, r, expandIntf, addressSets, file, w, "local-in")),
      ),
    });
  }

  const routes: StaticRoute[] = entries("router static").map((e) => {
    const dst = setting(e, "dst");
    const cidr = dst ? toCidr(dst) : "0.0.0.0/0";
    return {
      destination: cidr ?? "0.0.0.0/0",
      interface: first(e, "device") ?? null,
      gateway: first(e, "gateway") ?? null,
      line: e.line,
    };
  });

  return {
    config: {
      file,
      format: "fortios",
      hostname,
      interfaces,
      routes,
      rulesets,
      management: managementOf(entries, addressSets),
    },
    problems: w.list,
  };
}

/** `10.0.0.1 255.255.255.0` or `10.0.0.1/24` to `10.0.0.1/24`, host bits kept. */
function toCidr(values: string[]): string | null {
  const [a, m] = values;
  if (!a) return null;
  if (a.includes("/")) return parseAddressRange(a) ? a : null;
  const len = m ? maskLength(m) : 32;
  return len === null ? null : `${a}/${len}`;
}

function interfaceOf(
  e: Entry,
  zones: Map<string, { members: string[]; line: number }>,
  w: Warnings,
): FirewallInterface {
  const addresses: string[] = [];
  const ip = setting(e, "ip");
  const own = ip ? toCidr(ip) : null;
  if (own && !own.startsWith("0.0.0.0/")) addresses.push(own);
  for (const child of e.children.filter((c) => c.path === "secondaryip"))
    for (const s of child.entries) {
      const c = setting(s, "ip");
      const cidr = c ? toCidr(c) : null;
      if (cidr) addresses.push(cidr);
    }
  const ip6 = e.children.find((c) => c.path === "ipv6");
  const v6 = ip6 ? first(ip6, "ip6-address") : undefined;
  if (v6) addresses.push(v6);
  const zone = [...zones.entries()].find(([, z]) => z.members.includes(e.name))?.[0] ?? null;
  return {
    name: e.name,
    hardware: first(e, "interface") ?? null,
    addresses,
    vlan: vlanOf(e, w),
    securityLevel: null,
    zone,
    role: first(e, "role") ?? null,
    line: e.line,
  };
}

/** `set vlanid 30`; 0 is what FortiOS shows for an interface that is not a VLAN. */
function vlanOf(e: Entry, w: Warnings): number | null {
  const text = first(e, "vlanid");
  if (text === undefined || text === "0") return null;
  const vlan = integerIn(text, VLAN_ID);
  if (vlan === null)
    w.warn(
      e.settings.get("vlanid")!.line,
      "invalid-value",
      `interface ${e.name}: vlanid ${text.slice(0, 20)}: ${expected(VLAN_ID)}; read as no VLAN`,
    );
  return vlan;
}

class FortiResolver {
  private readonly addresses = new Map<string, Entry>();
  private readonly groups = new Map<string, Entry>();
  private readonly vips = new Map<string, Entry>();
  private readonly services = new Map<string, Entry>();
  private readonly serviceGroups = new Map<string, Entry>();
  private readonly addrCache = new Map<string, Resolved>();
  private readonly svcCache = new Map<string, Service[]>();
  private readonly resolving = new Set<string>();

  constructor(
    entries: (path: string) => Entry[],
    private readonly w: Warnings,
    private readonly interfaces: FirewallInterface[],
  ) {
    for (const e of [...entries("firewall address"), ...entries("firewall address6")])
      this.addresses.set(e.name, e);
    for (const e of [...entries("firewall addrgrp"), ...entries("firewall addrgrp6")])
      this.groups.set(e.name, e);
    for (const e of entries("firewall vip")) this.vips.set(e.name, e);
    for (const e of entries("firewall service custom")) this.services.set(e.name, e);
    for (const e of entries("firewall service group")) this.serviceGroups.set(e.name, e);
  }

  address(name: string, line: number): Resolved {
    const cached = this.addrCache.get(name);
    if (cached) return cached;
    if (this.resolving.has(name)) {
      this.w.warn(line, "depth-limit", `address group ${name} contains itself; the loop is not followed`);
      return { ranges: EMPTY_ADDRESSES, unresolved: [] };
    }
    // `resolving` holds the groups this one is nested in.
    if (this.resolving.size >= MAX_GROUP_DEPTH) {
      this.w.warn(line, "depth-limit", `address group member ${name} ${NESTED_TOO_DEEP}`);
      return { ranges: EMPTY_ADDRESSES, unresolved: [`${name} (nested too deep)`] };
    }
    this.resolving.add(name);
    const out = this.resolveAddress(name, line);
    this.resolving.delete(name);
    this.addrCache.set(name, out);
    return out;
  }

  private resolveAddress(name: string, line: number): Resolved {
    const a = this.addresses.get(name);
    if (a) return this.addressEntry(a);
    const g = this.groups.get(name);
    if (g) {
      const members: AddressRanges[] = [];
      const unresolved: string[] = [];
      for (const m of setting(g, "member") ?? []) {
        const r = this.address(m, g.settings.get("member")!.line);
        members.push(r.ranges);
        append(unresolved, r.unresolved);
      }
      let ranges = unionAllAddresses(members);
      if (first(g, "exclude") === "enable") {
        const excluded: AddressRanges[] = [];
        for (const m of setting(g, "exclude-member") ?? []) {
          const r = this.address(m, g.settings.get("exclude-member")!.line);
          excluded.push(r.ranges);
          append(
            unresolved,
            r.unresolved.map((u) => `not ${u}`),
          );
        }
        ranges = subtractAddresses(ranges, unionAllAddresses(excluded));
      }
      return { ranges, unresolved };
    }
    const vip = this.vips.get(name);
    if (vip) {
      const mapped = (setting(vip, "mappedip") ?? [])
        .map((m) => parseAddressRange(m))
        .filter((x): x is AddressRanges => x !== null);
      this.w.warn(
        vip.line,
        "not-modelled",
        `VIP ${name}: policies that name it are read against its mapped (real) address`,
      );
      return {
        ranges: unionAllAddresses(mapped),
        unresolved: mapped.length ? [] : [`vip ${name}`],
      };
    }
    if (name === "all") return { ranges: ANY_V4, unresolved: [] };
    if (name === "none") return { ranges: EMPTY_ADDRESSES, unresolved: [] };
    this.w.warn(line, "unresolved-name", `address ${name} is not defined; its addresses are unknown`);
    return { ranges: EMPTY_ADDRESSES, unresolved: [`${name} (undefined)`] };
  }

  private addressEntry(a: Entry): Resolved {
    const type = first(a, "type") ?? (a.settings.has("ip6") ? "ipprefix" : "ipmask");
    const unknown = (what: string): Resolved => {
      this.w.warn(
        a.line,
        "not-modelled",
        `address ${a.name} (${what}): no fixed addresses in the configuration; policies using it match unknown addresses`,
      );
      return { ranges: EMPTY_ADDRESSES, unresolved: [`${what} ${a.name}`] };
    };
    switch (type) {
      case "ipmask": {
        const r = parseAddressRange(toCidr(setting(a, "subnet") ?? ["0.0.0.0", "0.0.0.0"]) ?? "");
        return r ? { ranges: r, unresolved: [] } : unknown("address");
      }
      case "ipprefix": {
        const r = parseAddressRange(first(a, "ip6") ?? "::/0");
        return r ? { ranges: r, unresolved: [] } : unknown("address");
      }
      case "iprange": {
        const r = parseAddressRange(
          `${first(a, "start-ip") ?? "0.0.0.0"}-${first(a, "end-ip") ?? "0.0.0.0"}`,
        );
        return r ? { ranges: r, unresolved: [] } : unknown("address");
      }
      case "wildcard":
        return wildcard(setting(a, "wildcard") ?? ["0.0.0.0", "0.0.0.0"]) ?? unknown("wildcard address");
      case "interface-subnet": {
        const iface = this.interfaces.find((i) => i.name === first(a, "interface"));
        const r = iface?.addresses[0] ? parseAddressRange(iface.addresses[0]) : null;
        return r ? { ranges: r, unresolved: [] } : unknown("interface-subnet address");
      }
      case "fqdn":
        return unknown(`fqdn ${first(a, "fqdn") ?? ""}`);
      case "geography":
        return unknown(`geography ${first(a, "country") ?? ""}`);
      default:
        return unknown(type);
    }
  }

  serviceNamed(name: string, line: number): Service[] | null {
    const cached = this.svcCache.get(name);
    if (cached) return cached;
    if (this.resolving.has(`svc:${name}`)) {
      this.w.warn(line, "depth-limit", `service group ${name} contains itself; the loop is not followed`);
      return [];
    }
    if (this.resolving.size >= MAX_GROUP_DEPTH) {
      this.w.warn(line, "depth-limit", `service group member ${name} ${NESTED_TOO_DEEP}; ignored`);
      return [];
    }
    this.resolving.add(`svc:${name}`);
    let out: Service[] | null = null;
    const custom = this.services.get(name);
    const group = this.serviceGroups.get(name);
    if (custom) out = this.customService(custom);
    else if (group) {
      out = [];
      for (const m of setting(group, "member") ?? []) {
        const s = this.serviceNamed(m, group.settings.get("member")!.line);
        if (s) append(out, s);
        else
          this.w.warn(
            group.settings.get("member")!.line,
            "unresolved-name",
            `service ${m} is not defined; ignored in group ${name}`,
          );
      }
    } else out = FORTIOS_PREDEFINED[name] ?? null;
    this.resolving.delete(`svc:${name}`);
    if (out) this.svcCache.set(name, out);
    return out;
  }

  /** A number setting of a custom service: null when unset, or (reported) when out of `range`. */
  private octet(e: Entry, key: string, readAs: string): number | null {
    const text = first(e, key);
    if (text === undefined) return null;
    const n = integerIn(text, OCTET);
    if (n === null)
      this.w.warn(
        e.settings.get(key)!.line,
        "invalid-value",
        `service ${e.name}: ${key} ${text.slice(0, 20)}: ${expected(OCTET)}; read as ${readAs}`,
      );
    return n;
  }

  private customService(e: Entry): Service[] {
    const protocol = first(e, "protocol") ?? "TCP/UDP/SCTP";
    if (protocol === "IP") {
      const n = this.octet(e, "protocol-number", "any protocol");
      return [n === null || n === 0 ? ANY_SERVICE : service(n)];
    }
    if (protocol === "ICMP" || protocol === "ICMP6") {
      const p = protocol === "ICMP" ? ICMP : ICMPV6;
      const type = this.octet(e, "icmptype", "any type");
      // A code without its type is no narrower than the type alone.
      const code = type === null ? null : this.octet(e, "icmpcode", "any code");
      return [service(p, null, null, type, code)];
    }
    if (protocol !== "TCP/UDP/SCTP") {
      this.w.warn(
        e.line,
        "not-modelled",
        `service ${e.name}: protocol ${protocol} not modelled; read as any service`,
      );
      return [ANY_SERVICE];
    }
    const out: Service[] = [];
    for (const [key, proto] of [
      ["tcp-portrange", TCP],
      ["udp-portrange", UDP],
      ["sctp-portrange", SCTP],
    ] as const) {
      for (const spec of setting(e, key) ?? []) {
        const parsed = portSpec(spec);
        if (!parsed)
          this.w.warn(
            e.settings.get(key)!.line,
            "invalid-value",
            `service ${e.name}: port range "${spec}" not understood`,
          );
        else out.push(service(proto, parsed.dst, parsed.src));
      }
    }
    if (e.settings.has("iprange") || e.settings.has("fqdn"))
      this.w.warn(
        e.line,
        "not-modelled",
        `service ${e.name}: its destination address restriction is not modelled`,
      );
    return out;
  }
}

/**
 * `80`, `1-1024`, `53:1024-65535` (destination:source); a reversed range is read in order, as the device does.
 * A port past 65535 or anything but digits leaves the whole spec not understood.
 */
function portSpec(spec: string): { dst: PortRange[]; src: PortRange[] | null } | null {
  const [d, s] = spec.split(":");
  const range = (x: string): PortRange[] | null => {
    const parts = x.split("-");
    const lo = portNumber(parts[0]);
    const hi = parts.length === 1 ? lo : portNumber(parts[1]);
    if (lo === null || hi === null || parts.length > 2) return null;
    return portRanges([[lo, hi]]);
  };
  const dst = d ? range(d) : null;
  const src = s === undefined ? null : range(s);
  if (!dst || (s !== undefined && !src)) return null;
  return { dst, src };
}

/** `1.1.0.1 255.255.0.255`: mask bits set must match; each free bit doubles the set. */
function wildcard(values: string[]): Resolved | null {
  const base = parseAddressRange(values[0] ?? "");
  const mask = parseAddressRange(values[1] ?? "");
  if (!base || !mask || base.v4.length === 0 || mask.v4.length === 0) return null;
  const b = base.v4[0]!;
  const m = mask.v4[0]!;
  let trailing = 0;
  while (trailing < 32 && ((m >>> trailing) & 1) === 0) trailing++;
  const free: number[] = [];
  for (let bit = trailing; bit < 32; bit++) if (((m >>> bit) & 1) === 0) free.push(bit);
  if (free.length > 12) return { ranges: EMPTY_ADDRESSES, unresolved: [`wildcard ${values.join(" ")}`] };
  const fixed = (b & m) >>> 0;
  const pairs: [number, number][] = [];
  for (let k = 0; k < 2 ** free.length; k++) {
    let v = fixed;
    free.forEach((bit, j) => {
      if ((k >> j) & 1) v = (v | (1 << bit)) >>> 0;
    });
    const lo = (v & ~((2 ** trailing - 1) >>> 0)) >>> 0;
    pairs.push([lo, lo + 2 ** trailing - 1]);
  }
  return { ranges: { v4: iv.fromPairs(pairs), v6: [] }, unresolved: [] };
}

const LOGGED = new Set(["all", "enable"]);

function policyRule(
  p: Entry,
  r: FortiResolver,
  expandIntf: (names: string[] | undefined) => string[] | null,
  addressSets: AddressSets,
  file: string,
  w: Warnings,
  kind: "policy" | "local-in",
): RuleFields {
  const lineOf = (key: string) => p.settings.get(key)?.line ?? p.line;
  const addrs = (keys: string[], negateKey: string): { set: AddressSet; text: string } => {
    const parts: AddressRanges[] = [];
    const unresolved: string[] = [];
    const names: string[] = [];
    for (const key of keys)
      for (const n of setting(p, key) ?? []) {
        names.push(n);
        // `all` in an IPv6 field is every IPv6 address.
        const resolved =
          n === "all" && key.endsWith("6") ? { ranges: ANY_V6, unresolved: [] } : r.address(n, lineOf(key));
        parts.push(resolved.ranges);
        append(unresolved, resolved.unresolved);
      }
    const text = names.join(" ") || "none";
    let set = addressSets.of(unionAllAddresses(parts), text, [...new Set(unresolved)]);
    if (first(p, negateKey) === "enable") set = addressSets.complement(set, ANY_ADDRESS, `not ${text}`);
    return { set, text };
  };
  const src = addrs(kind === "policy" ? ["srcaddr", "srcaddr6"] : ["srcaddr"], "srcaddr-negate");
  const dst = addrs(kind === "policy" ? ["dstaddr", "dstaddr6"] : ["dstaddr"], "dstaddr-negate");
  const services: Service[] = [];
  for (const n of setting(p, "service") ?? []) {
    const s = r.serviceNamed(n, lineOf("service"));
    if (s) append(services, s);
    else
      w.warn(lineOf("service"), "unresolved-name", `policy ${p.name}: service ${n} is not defined; ignored`);
  }
  const unmodelled: string[] = [];
  if (first(p, "service-negate") === "enable") unmodelled.push("service-negate enable");
  for (const key of [
    "users",
    "groups",
    "fsso-groups",
    "application",
    "internet-service",
    "internet-service-src",
  ])
    if (p.settings.has(key) && first(p, key) !== "disable")
      unmodelled.push(`${key} ${setting(p, key)!.join(" ")}`);
  const schedule = first(p, "schedule");
  if (schedule && schedule !== "always") unmodelled.push(`schedule ${schedule}`);
  for (const u of unmodelled)
    if (!u.startsWith("internet-service"))
      w.warn(
        p.line,
        "not-modelled",
        `policy ${p.name}: "${u}" narrows the policy in a way the analyses do not model`,
      );
  const name = first(p, "name");
  const action = first(p, "action");
  const attributeLines: Record<string, number> = {};
  for (const key of [
    "action",
    "status",
    "logtraffic",
    "srcintf",
    "dstintf",
    "intf",
    "srcaddr",
    "dstaddr",
    "service",
    "schedule",
  ])
    if (p.settings.has(key)) attributeLines[key] = p.settings.get(key)!.line;
  if (services.length === 0 && !(setting(p, "service") ?? []).length)
    w.warn(p.line, "no-effect", `policy ${p.name} names no service; it matches nothing`);
  return {
    name: `${kind === "policy" ? "policy" : "local-in-policy"} ${p.name}${name ? ` "${name}"` : ""}`,
    file,
    line: p.line,
    text: `edit ${p.name}${name ? ` (${name})` : ""}`,
    // The FortiOS default action is deny.
    action: action === "accept" || action === "ipsec" ? "permit" : "deny",
    log: LOGGED.has(first(p, "logtraffic") ?? (action === "accept" ? "utm" : "disable")),
    enabled: first(p, "status") !== "disable",
    implicit: false,
    from: expandIntf(kind === "policy" ? setting(p, "srcintf") : setting(p, "intf")),
    to: kind === "policy" ? expandIntf(setting(p, "dstintf")) : null,
    sources: src.set,
    destinations: dst.set,
    services: services.length ? services : [service(0, [])],
    states: null,
    unmodelled,
    via: [],
    attributeLines,
    ...(first(p, "comments") ? { comment: first(p, "comments")! } : {}),
  };
}

function managementOf(entries: (path: string) => Entry[], addressSets: AddressSets): ManagementAccess[] {
  // Who may log on: the trusted hosts of the administrators, if every one of them has some.
  let sources = addressSets.of(ANY_ADDRESS, "any (an administrator has no trusted hosts)");
  const admins = entries("system admin");
  const trusted = admins.map((a) =>
    [...a.settings.entries()]
      .filter(([k]) => /^(ip6-)?trusthost\d+$/.test(k))
      .map(([, s]) => parseAddressRange(toCidr(s.values) ?? ""))
      .filter((x): x is AddressRanges => x !== null),
  );
  if (admins.length > 0 && trusted.every((t) => t.length > 0))
    sources = addressSets.of(unionAllAddresses(trusted.flat()), "administrators' trusted hosts");
  const communities = entries("system snmp community").filter((c) => first(c, "status") !== "disable");
  const snmpV1 = communities.length > 0;
  // SNMP managers are the communities' hosts; an empty host list answers anyone.
  const managers = communities.flatMap((c) =>
    c.children
      .filter((h) => h.path === "hosts")
      .flatMap((h) => h.entries.map((x) => parseAddressRange(toCidr(setting(x, "ip") ?? []) ?? ""))),
  );
  const snmpSources =
    managers.length && managers.every((m) => m !== null)
      ? addressSets.of(unionAllAddresses(managers as AddressRanges[]), "SNMP community hosts")
      : addressSets.of(ANY_ADDRESS, "any (a community has no hosts)");
  const out: ManagementAccess[] = [];
  for (const e of entries("system interface")) {
    const access = e.settings.get("allowaccess");
    if (!access) continue;
    for (const a of access.values) {
      const cleartextProtocol = CLEARTEXT_ACCESS[a];
      const protocol = cleartextProtocol ?? (a === "https" || a === "ssh" || a === "snmp" ? a : null);
      if (!protocol) continue;
      const cleartext = Boolean(cleartextProtocol) || (a === "snmp" && snmpV1);
      out.push({
        protocol,
        cleartext,
        detail:
          a === "http"
            ? "HTTP administration: credentials and session in clear text"
            : a === "telnet"
              ? "Telnet administration: credentials and commands in clear text"
              : a === "snmp"
                ? snmpV1
                  ? "SNMP with v1/v2c communities: the community string travels in clear text"
                  : "SNMP v3"
                : a.toUpperCase(),
        interfaces: [e.name],
        sources: a === "snmp" ? snmpSources : sources,
        line: access.line,
        text: `edit ${e.name}: set allowaccess ${access.values.join(" ")}`,
      });
    }
  }
  return out;
}

export const fortiosFormat = {
  name: "fortios",
  title: "FortiOS",
  signs: [
    { pattern: /^#config-version=FG/m, weight: 8 },
    { pattern: /^config\s+(firewall|system|router)\s/m, weight: 6 },
    { pattern: /^\s+edit\s+\S+/m, weight: 2 },
  ],
  parse: parseFortios,
} satisfies FirewallFormatReader;
