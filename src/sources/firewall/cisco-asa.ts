/**
 * Cisco ASA running configurations: interfaces (nameif, security-level, addresses), `name` aliases, objects and
 * nested object-groups, extended and standard access lists, `access-group` bindings (in, out, global,
 * control-plane), the implicit deny and the security-level default for interfaces without an inbound list,
 * static routes and management access (telnet, ssh, http, snmp). NAT is counted, not modelled: since 8.3 ASA
 * access lists match real addresses, so the rule analyses do not depend on it.
 */
import {
  type AddressRanges,
  ANY_V4,
  formatAddresses,
  parseAddressRange,
} from "../../model/address-ranges.js";
import {
  ANY_SERVICE,
  type FirewallConfig,
  type FirewallInterface,
  ICMP,
  ICMPV6,
  type ManagementAccess,
  type PortRange,
  type Ruleset,
  type RulesetBinding,
  type Service,
  type StaticRoute,
} from "../../model/firewall.js";
import type { InputProblem } from "../../model/problem.js";
import { append } from "../append.js";
import {
  type AsaObject,
  AsaObjects,
  builtinService,
  type ObjectLine,
  PROTOCOLS_OF,
  portOperator,
  protocolNumber,
} from "./asa-objects.js";
import type { FirewallFormatReader } from "./format.js";
import { expected, integerIn, OCTET, VLAN_ID } from "./numbers.js";
import { AddressSets, numbered, type RuleFields, service, Warnings } from "./rule-parts.js";
import { wordTable } from "./word-table.js";

interface Block {
  line: number;
  words: string[];
  body: ObjectLine[];
}

interface AceLine {
  line: number;
  text: string;
  words: string[];
  remark: string | undefined;
}

interface AccessList {
  name: string;
  kind: "extended" | "standard";
  line: number;
  aces: AceLine[];
}

interface AccessGroup {
  acl: string;
  direction: "in" | "out" | "global";
  iface: string | null;
  controlPlane: boolean;
  line: number;
}

/** Splits the file into top-level commands with their indented sub-commands. */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/\s+!.*$/, "").replace(/\s+$/, "");
    if (line.trim() === "" || line.trimStart().startsWith("!") || line.startsWith(":")) return;
    const words = line.trim().split(/\s+/);
    if (/^\s/.test(line) && out.length > 0) out.at(-1)!.body.push({ line: i + 1, words });
    else out.push({ line: i + 1, words, body: [] });
  });
  return out;
}

const OBJECT_KINDS: Readonly<Record<string, AsaObject["kind"]>> = wordTable({
  "object network": "network",
  "object service": "service",
  "object-group network": "network-group",
  "object-group service": "service-group",
  "object-group protocol": "protocol-group",
  "object-group icmp-type": "icmp-group",
});

export function parseCiscoAsa(
  text: string,
  file: string,
): { config: FirewallConfig; problems: InputProblem[] } {
  const w = new Warnings(file);
  const objects = new Map<string, AsaObject>();
  const names = new Map<string, string>();
  const interfaces: FirewallInterface[] = [];
  const acls = new Map<string, AccessList>();
  const groups: AccessGroup[] = [];
  const routes: StaticRoute[] = [];
  const mgmtLines: Block[] = [];
  const natLines: number[] = [];
  let hostname: string | null = null;
  let httpServer = false;
  let sameSecurityInter = false;
  let sshVersion1 = false;
  let pendingRemark: string | undefined;

  for (const b of blocks(text)) {
    const [c0, c1, c2] = b.words;
    if (c0 === "hostname") hostname = c1 ?? null;
    else if (c0 === "name" && c1 && c2) names.set(c2, c1);
    else if (c0 === "interface") append(interfaces, interfaceOf(b, w));
    else if ((c0 === "object" || c0 === "object-group") && c1) {
      // `object-group group network x` appears in some exports; it means `object-group network x`.
      let words = b.words;
      if (c0 === "object-group" && c1 === "group") {
        w.warn(
          b.line,
          "not-modelled",
          `"object-group group ${c2} ${b.words[3] ?? ""}" read as "object-group ${c2} ${b.words[3] ?? ""}"`,
        );
        words = [c0, ...b.words.slice(2)];
      }
      const kind = OBJECT_KINDS[`${words[0]} ${words[1]}`] ?? "other";
      const name = words[2];
      if (!name) continue;
      if (kind === "other") {
        w.warn(
          b.line,
          "not-modelled",
          `${words[0]} ${words[1]} ${name}: this kind of object is not supported; rules using it match unknown traffic`,
        );
      }
      objects.set(name, { kind, name, line: b.line, protocol: words[3] ?? null, body: b.body });
      for (const l of b.body) if (l.words[0] === "nat") natLines.push(l.line);
    } else if (c0 === "access-list" && c1) {
      pendingRemark = accessListLine(b, acls, pendingRemark, w);
    } else if (c0 === "access-group" && c1) {
      const g = accessGroupOf(b);
      if (g) groups.push(g);
      else w.warn(b.line, "unparsed-line", `"${b.words.join(" ")}" not understood`);
    } else if (c0 === "route" && b.words.length >= 5) {
      const len = b.words[3] ? maskAndBase(b.words[2]!, b.words[3]) : null;
      if (len)
        routes.push({ destination: len, interface: c1 ?? null, gateway: b.words[4] ?? null, line: b.line });
    } else if (c0 === "nat") natLines.push(b.line);
    else if (c0 === "telnet" || c0 === "ssh" || c0 === "http" || c0 === "snmp-server") {
      if (c0 === "http" && c1 === "server" && c2 === "enable") httpServer = true;
      else if (c0 === "ssh" && c1 === "version") sshVersion1 = c2 === "1";
      else mgmtLines.push(b);
    } else if (c0 === "same-security-traffic" && c1 === "permit" && c2 === "inter-interface")
      sameSecurityInter = true;
    else if (c0 === "clear" && c1 === "configure" && c2 === "access-list" && b.words[3])
      acls.delete(b.words[3]);
  }
  if (natLines.length)
    w.warn(
      natLines[0]!,
      "not-modelled",
      `${natLines.length} NAT statement${natLines.length === 1 ? "" : "s"} (lines ${natLines.slice(0, 8).join(", ")}${natLines.length > 8 ? ", ..." : ""}) not modelled: ASA access lists match real addresses, so the rule analyses do not depend on them`,
    );

  const ifaceAddress = (nameif: string): AddressRanges | null => {
    const i = interfaces.find((x) => x.name === nameif);
    const own = i?.addresses[0]?.split("/")[0];
    return own ? parseAddressRange(own) : null;
  };
  const objs = new AsaObjects(objects, names, ifaceAddress, w);
  // Resolve every object once, used or not, so that undefined references and loops are reported.
  for (const o of objects.values()) {
    if (o.kind === "network" || o.kind === "network-group") objs.networkNamed(o.name, o.line);
    else if (o.kind !== "other") objs.servicesNamed(o.name, o.line);
  }
  const addressSets = new AddressSets();
  const rulesets = buildRulesets(acls, groups, interfaces, sameSecurityInter, objs, addressSets, file, w);
  const management = managementOf(mgmtLines, httpServer, sshVersion1, objs, addressSets);
  return {
    config: { file, format: "cisco-asa", hostname, interfaces, routes, rulesets, management },
    problems: w.list,
  };
}

function maskAndBase(base: string, mask: string): string | null {
  const r = parseAddressRange(`${base}/${mask}`);
  return r ? (formatAddresses(r)[0] ?? null) : null;
}

function interfaceOf(b: Block, w: Warnings): FirewallInterface[] {
  let nameif: string | null = null;
  let level: number | null = null;
  let vlan: number | null = null;
  let role: string | null = null;
  const addresses: string[] = [];
  for (const l of b.body) {
    const [k, a, m] = l.words;
    if (k === "nameif" && a) nameif = a;
    else if (k === "security-level" && a) {
      // 0-100 on the device; anything else is reported and the interface keeps the default for its name.
      if (/^\d{1,3}$/.test(a) && Number(a) <= 100) level = Number(a);
      else w.warn(l.line, "invalid-value", `security-level "${a.slice(0, 20)}": expected 0-100`);
    } else if (k === "vlan" && a) {
      vlan = integerIn(a, VLAN_ID);
      if (vlan === null)
        w.warn(l.line, "invalid-value", `vlan ${a.slice(0, 20)}: ${expected(VLAN_ID)}; read as no VLAN`);
    } else if (k === "management-only") role = "management-only";
    else if (k === "ip" && a === "address" && m) {
      const mask = l.words[3];
      if (mask && /^\d+\.\d+\.\d+\.\d+$/.test(mask)) {
        const cidr = maskAndBase(m, mask);
        if (cidr) addresses.push(`${m}/${cidr.split("/")[1]}`);
      }
    } else if (k === "ipv6" && a === "address" && m?.includes("/")) addresses.push(m);
  }
  if (!nameif) return [];
  // ASA gives `inside` security level 100 and every other nameif 0 unless told otherwise.
  const securityLevel = level ?? (nameif === "inside" ? 100 : 0);
  return [
    {
      name: nameif,
      hardware: b.words[1] ?? null,
      addresses,
      vlan,
      securityLevel,
      zone: null,
      role,
      line: b.line,
    },
  ];
}

function accessListLine(
  b: Block,
  acls: Map<string, AccessList>,
  remark: string | undefined,
  w: Warnings,
): string | undefined {
  const name = b.words[1]!;
  let i = 2;
  if (b.words[i] === "line" && /^\d+$/.test(b.words[i + 1] ?? "")) i += 2;
  const kind = b.words[i];
  if (kind === "remark") return b.words.slice(i + 1).join(" ");
  if (kind !== "extended" && kind !== "standard") {
    w.warn(
      b.line,
      "not-modelled",
      `access-list ${name} ${kind ?? ""}: only extended and standard access lists are supported; line ignored`,
    );
    return remark;
  }
  const acl = acls.get(name) ?? { name, kind, line: b.line, aces: [] };
  acls.set(name, acl);
  acl.aces.push({ line: b.line, text: b.words.join(" "), words: b.words.slice(i + 1), remark });
  return undefined;
}

function accessGroupOf(b: Block): AccessGroup | null {
  const [, acl, dir, kw, iface, extra] = b.words;
  if (!acl) return null;
  if (dir === "global") return { acl, direction: "global", iface: null, controlPlane: false, line: b.line };
  if ((dir === "in" || dir === "out") && kw === "interface" && iface)
    return { acl, direction: dir, iface, controlPlane: extra === "control-plane", line: b.line };
  return null;
}

function buildRulesets(
  acls: Map<string, AccessList>,
  groups: AccessGroup[],
  interfaces: FirewallInterface[],
  sameSecurityInter: boolean,
  objs: AsaObjects,
  addressSets: AddressSets,
  file: string,
  w: Warnings,
): Ruleset[] {
  const hasGlobal = groups.some((g) => g.direction === "global" && acls.has(g.acl));
  for (const g of groups) {
    if (!acls.has(g.acl))
      w.warn(g.line, "unresolved-name", `access-group ${g.acl}: no such access list; the binding is ignored`);
    if (g.iface && !interfaces.some((i) => i.name === g.iface))
      w.warn(
        g.line,
        "unresolved-name",
        `access-group ${g.acl}: interface ${g.iface} has no nameif in this configuration`,
      );
  }
  const out: Ruleset[] = [];
  for (const acl of acls.values()) {
    const id = `access-list ${acl.name}`;
    const bindings: RulesetBinding[] = groups
      .filter((g) => g.acl === acl.name)
      .map((g) => ({
        traffic: g.controlPlane ? "input" : "forward",
        from: g.direction === "in" && g.iface ? [g.iface] : null,
        to: g.direction === "out" && g.iface ? [g.iface] : null,
        stage: g.direction === "out" ? 2 : 1,
        order: g.direction === "global" ? 1 : 0,
        line: g.line,
      }));
    const inbound = bindings.some((b) => b.stage === 1 && b.order === 0 && b.traffic === "forward");
    const rules = acl.aces
      .map((a) => aceRule(acl, a, objs, addressSets, file, w))
      .filter((r): r is RuleFields => r !== null);
    out.push({
      id,
      kind: "access-list",
      table: null,
      filters: acl.kind === "extended",
      bindings,
      defaultAction: inbound && hasGlobal ? "next" : "deny",
      defaultSource: {
        line: 0,
        text:
          inbound && hasGlobal
            ? "not matched: on to the global access list"
            : "implicit deny at the end of every access list",
        implicit: true,
      },
      rules: numbered(id, rules),
    });
  }
  append(
    out,
    securityLevelRulesets(groups, acls, interfaces, hasGlobal, sameSecurityInter, addressSets, file),
  );
  return out;
}

/** Interfaces with no inbound access list (and no global one) pass traffic to lower security levels. */
function securityLevelRulesets(
  groups: AccessGroup[],
  acls: Map<string, AccessList>,
  interfaces: FirewallInterface[],
  hasGlobal: boolean,
  sameSecurityInter: boolean,
  addressSets: AddressSets,
  file: string,
): Ruleset[] {
  if (hasGlobal) return [];
  const out: Ruleset[] = [];
  for (const i of interfaces) {
    if (i.role === "management-only") continue;
    if (groups.some((g) => g.direction === "in" && g.iface === i.name && !g.controlPlane && acls.has(g.acl)))
      continue;
    const level = i.securityLevel ?? 0;
    const lower = interfaces.filter(
      (j) =>
        j !== i &&
        j.role !== "management-only" &&
        ((j.securityLevel ?? 0) < level || (sameSecurityInter && j.securityLevel === level)),
    );
    const id = `security-level ${i.name}`;
    const rules: RuleFields[] = lower.map((j) => ({
      name: id,
      file,
      line: i.line,
      text: `interface ${i.hardware ?? ""} nameif ${i.name} security-level ${level}: no inbound access list, so traffic to ${j.name} (security-level ${j.securityLevel}) is permitted`,
      action: "permit",
      log: false,
      enabled: true,
      implicit: true,
      from: [i.name],
      to: [j.name],
      sources: addressSets.any(),
      destinations: addressSets.any(),
      services: [ANY_SERVICE],
      states: null,
      unmodelled: [],
      via: [],
      attributeLines: {},
    }));
    out.push({
      id,
      kind: "security-level",
      table: null,
      filters: true,
      bindings: [{ traffic: "forward", from: [i.name], to: null, stage: 1, order: 0, line: i.line }],
      defaultAction: "deny",
      defaultSource: {
        line: i.line,
        text: `security-level ${level}: traffic to equal or higher levels is denied`,
        implicit: true,
      },
      rules: numbered(id, rules),
    });
  }
  return out;
}

type ProtocolSpec =
  | { kind: "fixed"; services: Service[] }
  | { kind: "protocols"; protocols: number[] }
  | { kind: "any" };

function protocolSpec(
  words: string[],
  objs: AsaObjects,
  line: number,
): { spec: ProtocolSpec; next: number; unknown?: string } | null {
  const p = words[0];
  if (!p) return null;
  if (p === "object" && words[1]) {
    const s = objs.servicesNamed(words[1], line);
    if (s?.cut) return { spec: { kind: "any" }, next: 2, unknown: tooDeepService("object", words[1]) };
    if (s) return { spec: { kind: "fixed", services: s.services }, next: 2 };
    // Predefined inline specifiers: `object icmp-echo`, `object ospf`.
    const builtin = builtinService(words[1]);
    if (builtin) return { spec: { kind: "fixed", services: builtin }, next: 2 };
    return { spec: { kind: "any" }, next: 2, unknown: `service object ${words[1]} (undefined)` };
  }
  if (p === "object-group" && words[1]) {
    const g = objs.servicesNamed(words[1], line);
    if (!g)
      return { spec: { kind: "any" }, next: 2, unknown: `service object-group ${words[1]} (undefined)` };
    if (g.cut) return { spec: { kind: "any" }, next: 2, unknown: tooDeepService("object-group", words[1]) };
    if (objs.kindOf(words[1]) === "protocol-group")
      return { spec: { kind: "protocols", protocols: g.services.map((s) => s.protocol ?? 0) }, next: 2 };
    const services = [...g.services];
    for (const proto of g.protocols) services.push(service(proto, g.ports.length ? g.ports : null));
    return { spec: { kind: "fixed", services }, next: 2 };
  }
  if (p === "ip") return { spec: { kind: "any" }, next: 1 };
  const protos = PROTOCOLS_OF[p] ?? (protocolNumber(p) !== null ? [protocolNumber(p)!] : null);
  return protos ? { spec: { kind: "protocols", protocols: protos }, next: 1 } : null;
}

const tooDeepService = (kind: string, name: string) => `service ${kind} ${name} (nested too deep)`;

/** A source or destination port spec right after an address, if there is one; `unknown` when it cannot be read. */
function portSpec(
  words: string[],
  at: number,
  objs: AsaObjects,
  line: number,
): { ranges: PortRange[] | null; next: number; unknown?: string } | null {
  if (words[at] === "object-group" && words[at + 1] && objs.kindOf(words[at + 1]!) === "service-group") {
    const g = objs.servicesNamed(words[at + 1]!, line);
    if (g?.cut)
      return { ranges: null, next: at + 2, unknown: tooDeepService("object-group", words[at + 1]!) };
    if (g && g.services.length === 0) return { ranges: g.ports, next: at + 2 };
  }
  return portOperator(words, at);
}

function aceRule(
  acl: AccessList,
  a: AceLine,
  objs: AsaObjects,
  addressSets: AddressSets,
  file: string,
  w: Warnings,
): RuleFields | null {
  const words = a.words;
  const action = words[0];
  if (action !== "permit" && action !== "deny") {
    w.warn(
      a.line,
      "invalid-value",
      `access-list ${acl.name}: "${action}" is not permit or deny; line ignored`,
    );
    return null;
  }
  const unmodelled: string[] = [];
  const base = {
    name: acl.name,
    file,
    line: a.line,
    text: a.text,
    via: [],
    attributeLines: {},
    implicit: false,
    from: null,
    to: null,
    states: null,
  };
  const fail = (what: string) => {
    w.warn(a.line, "unparsed-line", `access-list ${acl.name}: ${what} not understood; line ignored`);
    return null;
  };
  if (acl.kind === "standard") {
    const dst = objs.addressSpec(words, 1, a.line);
    if (!dst) return fail(`"${words.slice(1).join(" ")}"`);
    return {
      ...base,
      action: action === "permit" ? "permit" : "deny",
      log: false,
      enabled: true,
      // Standard access lists are IPv4 only.
      sources: addressSets.any("any4", ANY_V4),
      destinations: addressSets.of(dst.set.ranges, dst.text, dst.set.unresolved),
      services: [ANY_SERVICE],
      unmodelled,
      ...(a.remark !== undefined ? { comment: a.remark } : {}),
    };
  }
  const proto = protocolSpec(words.slice(1), objs, a.line);
  if (!proto) return fail(`protocol "${words[1]}"`);
  const unknownServices = (what: string | undefined) => {
    if (!what) return;
    w.warn(a.line, "not-modelled", `${what}: the rule matches unknown services`);
    unmodelled.push(what);
  };
  unknownServices(proto.unknown);
  let i = 1 + proto.next;
  const src = objs.addressSpec(words, i, a.line);
  if (!src) return fail(`source "${words.slice(i, i + 2).join(" ")}"`);
  i = src.next;
  const portful =
    proto.spec.kind === "protocols" && proto.spec.protocols.some((p) => p === 6 || p === 17 || p === 132);
  let sports: PortRange[] | null = null;
  if (portful) {
    const sp = portSpec(words, i, objs, a.line);
    if (sp) {
      sports = sp.ranges;
      i = sp.next;
      unknownServices(sp.unknown);
    }
  }
  const dst = objs.addressSpec(words, i, a.line);
  if (!dst) return fail(`destination "${words.slice(i, i + 2).join(" ")}"`);
  i = dst.next;
  let dports: PortRange[] | null = null;
  // ICMP type names mean different numbers for icmp and icmp6, so they are resolved per protocol.
  const icmpTypes = new Map<number, (number | null)[]>();
  let icmpCode: number | null = null;
  if (portful) {
    const dp = portSpec(words, i, objs, a.line);
    if (dp) {
      dports = dp.ranges;
      i = dp.next;
      unknownServices(dp.unknown);
    }
  } else if (proto.spec.kind === "protocols" && words[i]) {
    let consumed = 0;
    let cut = false;
    for (const p of proto.spec.protocols.filter((x) => x === ICMP || x === ICMPV6)) {
      const t = objs.icmpTypes(words[i]!, words[i + 1], p);
      if (t) {
        icmpTypes.set(p, t.types);
        consumed = t.consumed;
        cut ||= t.cut;
      }
    }
    if (cut) unknownServices(`icmp-type object-group ${words[i + 1]} (nested too deep)`);
    i += consumed;
    if (consumed && /^\d+$/.test(words[i] ?? "")) {
      const code = words[i++]!;
      icmpCode = integerIn(code, OCTET);
      if (icmpCode === null)
        w.warn(
          a.line,
          "invalid-value",
          `access-list ${acl.name}: ICMP code ${code.slice(0, 20)}: ${expected(OCTET)}; read as any code`,
        );
    }
  }
  let log = false;
  let enabled = true;
  while (i < words.length) {
    const k = words[i]!;
    if (k === "log") {
      log = words[i + 1] !== "disable";
      i++;
      while (i < words.length && !["time-range", "inactive", "log"].includes(words[i]!)) i++;
    } else if (k === "inactive") {
      enabled = false;
      i++;
    } else if (k === "time-range" && words[i + 1]) {
      unmodelled.push(`time-range ${words[i + 1]}`);
      i += 2;
    } else {
      return fail(`"${words.slice(i).join(" ")}"`);
    }
  }

  let services: Service[];
  if (proto.spec.kind === "any") services = [ANY_SERVICE];
  else if (proto.spec.kind === "fixed") services = proto.spec.services.length ? proto.spec.services : [];
  else
    services = proto.spec.protocols.flatMap((p) =>
      p === ICMP || p === ICMPV6
        ? (icmpTypes.get(p) ?? [null]).map((t) => service(p, null, null, t, icmpCode))
        : [service(p, dports, sports)],
    );
  if (services.length === 0) {
    w.warn(
      a.line,
      "no-effect",
      `access-list ${acl.name}: the service group is empty; the rule matches nothing`,
    );
    return null;
  }
  return {
    ...base,
    action: action === "permit" ? "permit" : "deny",
    log,
    enabled,
    sources: addressSets.of(src.set.ranges, src.text, src.set.unresolved),
    destinations: addressSets.of(dst.set.ranges, dst.text, dst.set.unresolved),
    services,
    unmodelled,
    ...(a.remark !== undefined ? { comment: a.remark } : {}),
  };
}

function managementOf(
  lines: Block[],
  httpServer: boolean,
  sshVersion1: boolean,
  objs: AsaObjects,
  addressSets: AddressSets,
): ManagementAccess[] {
  const out: ManagementAccess[] = [];
  for (const b of lines) {
    const [c0, c1, c2, c3] = b.words;
    const text = b.words.join(" ");
    if ((c0 === "telnet" || c0 === "ssh" || c0 === "http") && c1 && c2 && c3) {
      const r = parseAddressRange(`${c1}/${c2}`) ?? (c1.includes(":") ? parseAddressRange(c1) : null);
      if (!r) continue;
      if (c0 === "http" && !httpServer) continue;
      const protocol = c0 === "http" ? "https" : c0;
      out.push({
        protocol,
        cleartext: c0 === "telnet",
        detail:
          c0 === "telnet"
            ? "Telnet to the firewall: credentials and commands in clear text"
            : c0 === "ssh"
              ? sshVersion1
                ? "SSH version 1 only (broken protocol)"
                : "SSH"
              : "ASDM over HTTPS",
        interfaces: [c3],
        sources: addressSets.of(r, `${c1} ${c2}`),
        line: b.line,
        text,
      });
    } else if (c0 === "snmp-server" && c1 === "host" && c2 && c3) {
      // ASA answers SNMP only to the managers named by `snmp-server host`; v1/v2c carries the community in clear.
      const v3 = b.words.includes("version") && b.words[b.words.indexOf("version") + 1] === "3";
      const host = parseAddressRange(objs.address(c3) ?? c3);
      if (v3 || !host) continue;
      out.push({
        protocol: "snmp",
        cleartext: true,
        detail: "SNMP v1/v2c: the community string travels in clear text",
        interfaces: [c2],
        sources: addressSets.of(host, c3),
        line: b.line,
        text: text.replace(/community \S+/, "community *****"),
      });
    }
  }
  return out;
}

export const ciscoAsaFormat = {
  name: "cisco-asa",
  title: "Cisco ASA",
  signs: [
    { pattern: /^ASA Version /m, weight: 8 },
    { pattern: /^access-list\s+\S+\s+(line\s+\d+\s+)?(extended|standard|remark)\s/m, weight: 4 },
    { pattern: /^\s+nameif\s+\S+/m, weight: 4 },
    { pattern: /^access-group\s+\S+\s+(in|out|global)/m, weight: 3 },
    { pattern: /^object-group\s+(network|service|protocol|icmp-type)\s/m, weight: 3 },
    { pattern: /^object\s+(network|service)\s/m, weight: 2 },
  ],
  parse: parseCiscoAsa,
} satisfies FirewallFormatReader;
