/**
 * The OT threat-scenario library of the risk assessment (IEC 62443-3-2 ZCR 5.1, identify threats). Each scenario
 * names the asset roles it targets, the MITRE ATT&CK for ICS techniques it uses (ids are facts of that public
 * knowledge base), the kinds of evidence that make it more likely, the consequences it can cause, and the
 * IEC 62443-3-3 system requirements whose countermeasures make it less likely. Descriptions are our own words.
 */

import type { AssetRole } from "../model/plant.js";
import type { ConsequenceKind } from "../model/risk.js";

/** Evidence that raises a scenario's likelihood; src/analysis/risk/ finds each kind in the plant's evidence. */
export type ThreatSignal =
  /** The firewall rules let an enterprise (Purdue 4-5) zone reach the zone. */
  | "enterprise-reachable"
  /** The firewall rules let addresses outside every declared zone (the internet, a 4G uplink) reach the zone. */
  | "internet-reachable"
  /** The captures show enterprise or outside hosts talking to the zone's assets outside any declared conduit flow. */
  | "untrusted-traffic"
  /** The captures show writes, commands or downloads in protocols without authentication. */
  | "unauthenticated-protocol"
  /** The captures show credentials in clear or default credentials accepted. */
  | "cleartext-credentials"
  /** plant.yaml keeps a default account on an asset. */
  | "default-account"
  /** Known vulnerabilities (advisories, scanners) affect the zone's assets; KEV-listed ones weigh most. */
  | "vulnerability"
  /** A remote-access path into the zone nobody monitors. */
  | "unmonitored-remote-access"
  /** The captures show program downloads or stop commands reaching controllers. */
  | "controller-change";

export interface ThreatScenario {
  id: string;
  title: string;
  description: string;
  /** Roles of the assets it targets: it applies to a zone holding at least one. */
  roles: readonly AssetRole[];
  techniques: readonly string[];
  signals: readonly ThreatSignal[];
  /** The consequences it can cause: the zone's worst rating among them is its impact. */
  consequences: readonly ConsequenceKind[];
  /** IEC 62443-3-3 requirements whose countermeasures mitigate it. */
  countermeasures: readonly string[];
}

const CONTROLLERS: readonly AssetRole[] = ["plc", "rtu", "ied", "safety-controller"];
const OPERATIONS: readonly AssetRole[] = [
  "hmi",
  "ews",
  "scada-server",
  "historian",
  "opc-server",
  "jump-host",
];
const PHYSICAL: readonly ConsequenceKind[] = ["safety", "environment", "production", "finance", "reputation"];

export const THREAT_SCENARIOS: readonly ThreatScenario[] = [
  {
    id: "TS-01",
    title: "Unauthorized commands to controllers from a less trusted network",
    description:
      "An attacker on the office network or the internet reaches a controller directly and writes set-points, registers or commands over an industrial protocol that does not authenticate the sender.",
    roles: CONTROLLERS,
    techniques: ["T0869", "T0855", "T0836", "T0831"],
    signals: ["enterprise-reachable", "internet-reachable", "untrusted-traffic", "unauthenticated-protocol"],
    consequences: PHYSICAL,
    countermeasures: ["SR 5.1", "SR 5.2", "SR 2.1", "SR 3.1", "SR 1.2"],
  },
  {
    id: "TS-02",
    title: "Malicious logic downloaded to a controller",
    description:
      "Someone with network access to a controller downloads altered logic or stops the CPU to do so, changing how the process is controlled without the change being authorised or noticed.",
    roles: CONTROLLERS,
    techniques: ["T0843", "T0889", "T0816", "T0858"],
    signals: ["controller-change", "unauthenticated-protocol", "enterprise-reachable", "untrusted-traffic"],
    consequences: PHYSICAL,
    countermeasures: ["SR 1.1", "SR 2.1", "SR 3.4", "SR 5.2", "SR 6.2"],
  },
  {
    id: "TS-03",
    title: "Abuse of unmonitored vendor or staff remote access",
    description:
      "A remote-access path (remote-desktop tool, modem, VPN) is used by a compromised vendor account or a stolen credential to operate or reprogram the plant, with nobody watching the session.",
    roles: [...OPERATIONS, ...CONTROLLERS],
    techniques: ["T0822", "T0886", "T0859"],
    signals: ["unmonitored-remote-access", "internet-reachable", "untrusted-traffic"],
    consequences: PHYSICAL,
    countermeasures: ["SR 1.13", "SR 1.1 RE 2", "SR 2.6", "SR 6.2", "SR 5.2"],
  },
  {
    id: "TS-04",
    title: "Exploitation of a vulnerable network service",
    description:
      "A known vulnerability in a reachable service of an OT asset is exploited to run code on it or crash it; vulnerabilities known to be exploited in the wild make this most likely.",
    roles: [...OPERATIONS, ...CONTROLLERS, "network-device", "firewall", "it-server", "iot"],
    techniques: ["T0866", "T0819"],
    signals: ["vulnerability", "enterprise-reachable", "internet-reachable", "untrusted-traffic"],
    consequences: PHYSICAL,
    countermeasures: ["SR 3.2", "SR 5.1", "SR 5.2", "SR 7.7"],
  },
  {
    id: "TS-05",
    title: "Captured or default credentials reused",
    description:
      "Passwords sent in clear, default community strings or accounts left at their factory settings are read off the network or guessed, then used to log in as a legitimate user.",
    roles: [...OPERATIONS, ...CONTROLLERS, "network-device", "iot"],
    techniques: ["T0859", "T0812", "T0842"],
    signals: ["cleartext-credentials", "default-account", "enterprise-reachable", "untrusted-traffic"],
    consequences: PHYSICAL,
    countermeasures: ["SR 1.1", "SR 1.5", "SR 1.7", "SR 4.1"],
  },
  {
    id: "TS-06",
    title: "Controllers or control services stopped or restarted",
    description:
      "A stop, restart or flood of requests takes controllers or supervisory services out of operation, so the process runs without control or without view.",
    roles: [...CONTROLLERS, "hmi", "scada-server"],
    techniques: ["T0816", "T0881", "T0813", "T0858"],
    signals: [
      "controller-change",
      "unauthenticated-protocol",
      "enterprise-reachable",
      "untrusted-traffic",
      "vulnerability",
    ],
    consequences: ["safety", "production", "finance", "environment"],
    countermeasures: ["SR 7.1", "SR 2.1", "SR 5.2", "SR 7.6"],
  },
  {
    id: "TS-07",
    title: "Safety function defeated",
    description:
      "The safety controller is reprogrammed, stopped or made to ignore its inputs, so a hazardous condition is no longer caught by the safety instrumented system.",
    roles: ["safety-controller"],
    techniques: ["T0880", "T0843", "T0855", "T0858"],
    signals: [
      "enterprise-reachable",
      "internet-reachable",
      "untrusted-traffic",
      "controller-change",
      "vulnerability",
    ],
    consequences: ["safety", "environment", "reputation"],
    countermeasures: ["SR 5.1", "SR 5.2", "SR 2.1", "SR 3.4", "SR 1.2"],
  },
  {
    id: "TS-08",
    title: "Discovery and lateral movement from the enterprise network",
    description:
      "From a compromised office computer an attacker enumerates the OT networks and moves to HMIs, servers and engineering workstations through remote services that cross the zone boundary.",
    roles: OPERATIONS,
    techniques: ["T0846", "T0840", "T0886"],
    signals: ["enterprise-reachable", "untrusted-traffic", "vulnerability"],
    consequences: ["production", "finance", "reputation"],
    countermeasures: ["SR 5.1", "SR 5.2", "SR 1.13", "SR 6.2"],
  },
  {
    id: "TS-09",
    title: "Device reachable from the internet",
    description:
      "An OT asset or service can be reached from outside the plant's networks, where automated scanning finds and attacks it without any foothold inside.",
    roles: [...OPERATIONS, ...CONTROLLERS, "network-device", "iot"],
    techniques: ["T0883", "T0822"],
    signals: ["internet-reachable", "vulnerability", "unmonitored-remote-access"],
    consequences: PHYSICAL,
    countermeasures: ["SR 5.2", "SR 1.13", "SR 5.1"],
  },
];

export function threatScenario(id: string): ThreatScenario | undefined {
  return THREAT_SCENARIOS.find((s) => s.id === id);
}
