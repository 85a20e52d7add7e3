/** Title, default severity and IEC 62443-3-3 requirements of each alert type, and what each means. */
import type { AlertType } from "../model/alert.js";
import type { Severity } from "../model/finding.js";

export interface AlertInfo {
  title: string;
  severity: Severity;
  requirements: string[];
  description: string;
}

export const ALERT_INFO: Record<AlertType, AlertInfo> = {
  "new-asset": {
    title: "New asset on the network",
    severity: "medium",
    requirements: ["SR 7.8", "SR 6.2"],
    description:
      "An address or device the baseline never saw. Severity rises when it is undeclared in a high or critical zone, and falls when plant.yaml declares it.",
  },
  "ip-new-mac": {
    title: "Known IP address on a new MAC address",
    severity: "high",
    requirements: ["SR 1.2", "SR 3.1"],
    description:
      "An address the baseline saw on one MAC is now used or claimed in ARP by another: a replaced device, or ARP spoofing.",
  },
  "flow-outside-conduit": {
    title: "New flow between zones outside their conduit",
    severity: "high",
    requirements: ["SR 5.1", "SR 5.2"],
    description:
      "A zone-to-zone flow the baseline never saw and plant.yaml does not declare: no conduit joins the zones (SR 5.1), or the conduit declares no such flow (SR 5.2).",
  },
  "new-zone-flow": {
    title: "New flow between zones along a declared conduit",
    severity: "low",
    requirements: ["SR 6.2"],
    description: "A zone-to-zone flow the conduit declares but the baseline never saw in use.",
  },
  "new-protocol": {
    title: "New protocol between a known pair of hosts",
    severity: "medium",
    requirements: ["SR 6.2", "SR 7.7"],
    description: "Two hosts the baseline saw talking now use a service (transport and port) they never used.",
  },
  "new-write": {
    title: "Writes from a station that never sent them",
    severity: "high",
    requirements: ["SR 2.1", "SR 3.1"],
    description: "A station sends write requests to a device it never wrote to during the baseline.",
  },
  "new-control": {
    title: "Control commands from a station that never sent them",
    severity: "high",
    requirements: ["SR 2.1", "SR 3.1"],
    description:
      "A station sends control commands (operate, start/stop, reset) to a device it never commanded.",
  },
  "new-program": {
    title: "Program transfer from a station that never sent one",
    severity: "critical",
    requirements: ["SR 2.1", "SR 3.4"],
    description: "A station downloads controller logic it never transferred during the baseline.",
  },
  "program-upload": {
    title: "Controller logic read out by a station that never did",
    // Reading logic out changes nothing on the controller; it is how an attacker studies the process first
    // (ATT&CK for ICS T0845), so it is worth a look, not a critical alarm.
    severity: "medium",
    requirements: ["SR 2.1", "SR 3.4"],
    description: "A station uploads a controller's program, which it never did during the baseline.",
  },
  "controller-stop": {
    title: "Controller stopped",
    severity: "critical",
    requirements: ["SR 2.1", "SR 7.4"],
    description: "A station put a controller into STOP, which the baseline never saw it do.",
  },
  "controller-start": {
    title: "Controller started",
    severity: "high",
    requirements: ["SR 2.1", "SR 7.4"],
    description: "A station put a controller into RUN, which the baseline never saw it do.",
  },
  "controller-restart": {
    title: "Controller restarted",
    severity: "high",
    requirements: ["SR 2.1", "SR 7.4"],
    description: "A station restarted or reset a controller, which the baseline never saw it do.",
  },
  "firmware-change": {
    title: "Firmware changed",
    severity: "high",
    requirements: ["SR 3.4", "SR 7.8"],
    description:
      "A device reports a firmware version other than the baseline's, or a station sent it a firmware update.",
  },
  "new-remote-session": {
    title: "New remote-access session",
    severity: "high",
    requirements: ["SR 1.13", "SR 2.6"],
    description:
      "A remote-access session (RDP, VNC, SSH, Telnet, TeamViewer, ...) between hosts the baseline never saw use one.",
  },
  "cleartext-credentials": {
    title: "Credentials sent in clear text",
    severity: "high",
    requirements: ["SR 1.5", "SR 4.1"],
    description:
      "Passwords, default credentials or SNMP communities crossing the network readable, on a connection the baseline never saw carry them.",
  },
  scan: {
    title: "Scanning",
    severity: "high",
    requirements: ["SR 6.2", "SR 5.2"],
    description:
      "One host touched many hosts, or many ports of one host, that the baseline never saw it reach: discovery or a port scan.",
  },
};
