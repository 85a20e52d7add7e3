/**
 * One normalized model for the rule bases of every firewall format we read (iptables-save, nftables, Cisco ASA,
 * FortiOS): ordered rule sets of rules with exact address sets, services, action, logging, state, interfaces, and
 * the file and line each rule came from.
 */
import { z } from "zod";

export const FIREWALL_FORMATS = ["iptables", "nftables", "cisco-asa", "fortios"] as const;
export const FirewallFormat = z.enum(FIREWALL_FORMATS);
export type FirewallFormat = z.infer<typeof FirewallFormat>;

const Port = z.number().int().min(0).max(65535);
export const PortRange = z.strictObject({ from: Port, to: Port });
export type PortRange = z.infer<typeof PortRange>;

/**
 * A set of addresses. `ranges` holds exact CIDRs and `first-last` ranges of both families (see
 * address-ranges.ts). `unresolved` names entries whose addresses the configuration does not give (an FQDN, a
 * geography, an ipset, an undefined object): the set holds at least `ranges` and, when `unresolved` is not
 * empty, possibly any other address.
 */
export const AddressSet = z.strictObject({
  ranges: z.array(z.string()),
  unresolved: z.array(z.string()),
  /** As the configuration wrote it: `any`, object and group names, `! 10.0.0.0/8`. */
  text: z.string(),
});
export type AddressSet = z.infer<typeof AddressSet>;

/** One protocol with its ports or ICMP type: a rule's service set is a list of these. */
export const Service = z.strictObject({
  /** IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...); null for every protocol. */
  protocol: z.number().int().min(0).max(255).nullable(),
  /** Null when any port matches, or the protocol has no ports. */
  sourcePorts: z.array(PortRange).nullable(),
  destinationPorts: z.array(PortRange).nullable(),
  /** ICMP or ICMPv6 type and code; null for any. */
  icmpType: z.number().int().min(0).max(255).nullable(),
  icmpCode: z.number().int().min(0).max(255).nullable(),
});
export type Service = z.infer<typeof Service>;

export const CONNECTION_STATES = ["new", "established", "related", "invalid", "untracked"] as const;
export const ConnectionState = z.enum(CONNECTION_STATES);
export type ConnectionState = z.infer<typeof ConnectionState>;

/**
 * What a matching packet meets: `permit` and `deny` end the evaluation; `return` leaves the user chain the
 * rule sits in (see `via`); `log` and `other` (marking, NAT helpers) let the packet go on to the next rule.
 */
export const RuleAction = z.enum(["permit", "deny", "return", "log", "other"]);
export type RuleAction = z.infer<typeof RuleAction>;

export const ChainJump = z.strictObject({ chain: z.string(), line: z.number().int().positive() });
export type ChainJump = z.infer<typeof ChainJump>;

export const FirewallRule = z.strictObject({
  /** `<rule set id>#<position>`: unique in its configuration. */
  id: z.string(),
  /** 1-based position in its rule set, in evaluation order. */
  position: z.number().int().positive(),
  /** The vendor's own name: FortiOS policy id and name, ASA access-list name, nftables/iptables chain. */
  name: z.string(),
  file: z.string(),
  line: z.number().int().positive(),
  /** The configuration text of the rule (its line, or the policy header for block formats). */
  text: z.string(),
  action: RuleAction,
  log: z.boolean(),
  enabled: z.boolean(),
  /** Added by the device, not written in the configuration (the ASA security-level default). */
  implicit: z.boolean(),
  /** Ingress interfaces (or zones, expanded to their interfaces); null for any. */
  from: z.array(z.string()).nullable(),
  /** Egress interfaces; null for any. */
  to: z.array(z.string()).nullable(),
  sources: AddressSet,
  destinations: AddressSet,
  services: z.array(Service).min(1),
  /** Connection-tracking states the rule is limited to; null for any. */
  states: z.array(ConnectionState).nullable(),
  /**
   * Match conditions the model does not represent (rate limits, owners, schedules, users, marks): the rule
   * matches at most what the other fields say, and the analyses treat it so.
   */
  unmodelled: z.array(z.string()),
  /** The jumps that lead from the built-in chain to this rule's chain, outermost first (iptables, nftables). */
  via: z.array(ChainJump),
  /** Extra lines that set this rule's attributes (FortiOS `set status disable` at line 57). */
  attributeLines: z.record(z.string(), z.number().int().positive()),
  comment: z.string().optional(),
});
export type FirewallRule = z.infer<typeof FirewallRule>;

export const TrafficKind = z.enum(["input", "forward", "output"]);
export type TrafficKind = z.infer<typeof TrafficKind>;

/** Where and when a rule set is evaluated. */
export const RulesetBinding = z.strictObject({
  /** Traffic to the device itself, through it, or from it. */
  traffic: TrafficKind,
  /** Ingress interfaces the binding applies to; null for all. */
  from: z.array(z.string()).nullable(),
  to: z.array(z.string()).nullable(),
  /**
   * Rule sets a packet meets in turn: every stage must permit it (netfilter hook and priority; ASA inbound
   * before outbound). Within a stage the bindings run in `order`; a rule set whose default is `next` hands the
   * packets it does not decide to the next one (ASA interface access list, then the global one).
   */
  stage: z.number().int(),
  order: z.number().int(),
  /** Line of the binding statement (ASA `access-group`), or of the rule set itself. */
  line: z.number().int().nonnegative(),
});
export type RulesetBinding = z.infer<typeof RulesetBinding>;

export const Ruleset = z.strictObject({
  /** Unique in its configuration: `filter/INPUT`, `access-list outside_in`, `firewall policy`. */
  id: z.string(),
  kind: z.enum(["chain", "access-list", "policy", "security-level"]),
  /** The iptables table (`filter`, `mangle`, `raw`, `security`) or nftables `family table`; null elsewhere. */
  table: z.string().nullable(),
  /** False for rule sets that select traffic for other features (an ASA standard access list): not filters. */
  filters: z.boolean(),
  bindings: z.array(RulesetBinding),
  defaultAction: z.enum(["permit", "deny", "next"]),
  /** Where the default comes from: the chain policy line, or the vendor's implicit rule (line 0). */
  defaultSource: z.strictObject({
    line: z.number().int().nonnegative(),
    text: z.string(),
    implicit: z.boolean(),
  }),
  rules: z.array(FirewallRule),
});
export type Ruleset = z.infer<typeof Ruleset>;

export const FirewallInterface = z.strictObject({
  /** The name rules use: ASA nameif, FortiOS interface name, Linux interface name. */
  name: z.string(),
  /** Hardware or parent interface (`GigabitEthernet0/1`), when the name is a logical one. */
  hardware: z.string().nullable(),
  /** Connected subnets in CIDR notation, with the interface's own address (`10.10.10.1/24`). */
  addresses: z.array(z.string()),
  /** 802.1Q VLAN id. */
  vlan: z.number().int().min(1).max(4094).nullable(),
  /** Cisco ASA security level. */
  securityLevel: z.number().int().min(0).max(100).nullable(),
  /** FortiOS zone, FortiOS role (`wan`, `lan`, `dmz`), ASA `management-only`. */
  zone: z.string().nullable(),
  role: z.string().nullable(),
  line: z.number().int().nonnegative(),
});
export type FirewallInterface = z.infer<typeof FirewallInterface>;

export const StaticRoute = z.strictObject({
  destination: z.string(),
  interface: z.string().nullable(),
  gateway: z.string().nullable(),
  line: z.number().int().positive(),
});
export type StaticRoute = z.infer<typeof StaticRoute>;

/** A way to administer the firewall itself, as its configuration opens it. */
export const ManagementAccess = z.strictObject({
  protocol: z.enum(["telnet", "ssh", "http", "https", "snmp", "ftp", "tftp"]),
  /** True for protocols that carry credentials in clear text (Telnet, HTTP, SNMP v1/v2c, FTP, TFTP). */
  cleartext: z.boolean(),
  detail: z.string(),
  interfaces: z.array(z.string()).nullable(),
  sources: AddressSet,
  line: z.number().int().positive(),
  text: z.string(),
});
export type ManagementAccess = z.infer<typeof ManagementAccess>;

export const FirewallConfig = z.strictObject({
  file: z.string(),
  format: FirewallFormat,
  hostname: z.string().nullable(),
  interfaces: z.array(FirewallInterface),
  routes: z.array(StaticRoute),
  rulesets: z.array(Ruleset),
  management: z.array(ManagementAccess),
});
export type FirewallConfig = z.infer<typeof FirewallConfig>;

export const ANY_SERVICE: Service = {
  protocol: null,
  sourcePorts: null,
  destinationPorts: null,
  icmpType: null,
  icmpCode: null,
};

/**
 * IP protocol numbers by the names configurations use. Without a prototype, so that a protocol written as
 * `constructor` or `toString` is an unknown name, not Object.prototype's function.
 */
export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, number>, {
    icmp: 1,
    igmp: 2,
    ipip: 4,
    tcp: 6,
    egp: 8,
    igrp: 9,
    udp: 17,
    gre: 47,
    esp: 50,
    ah: 51,
    icmp6: 58,
    icmpv6: 58,
    "ipv6-icmp": 58,
    eigrp: 88,
    ospf: 89,
    pim: 103,
    vrrp: 112,
    l2tp: 115,
    sctp: 132,
    udplite: 136,
  }),
);

export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
export const ICMPV6 = 58;
export const SCTP = 132;

/** Protocols whose services carry port numbers. */
export function hasPorts(protocol: number | null): boolean {
  return protocol === TCP || protocol === UDP || protocol === SCTP || protocol === 33;
}
