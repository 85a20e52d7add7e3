/** Our assessor guidance for FR6, timely response to events (TRE), and FR7, resource availability (RA). */
import type { Guidance } from "../types.js";

export const FR6_GUIDANCE: Record<string, Guidance> = {
  "SR 6.1": {
    check: "People with the right to can read and search the audit logs when they need to.",
    evidence: "A demonstration of retrieving the logs of a given period; reviewers' access rights.",
    question: "Can authorised people access and review the audit logs?",
    remediation: "Give named reviewers read access to the logs and a way to search them.",
  },
  "SR 6.1 RE 1": {
    check: "Tools can retrieve the audit logs through an interface (syslog, an API).",
    evidence: "Syslog forwarding or API configuration.",
    question: "Can audit logs be accessed programmatically?",
    remediation: "Forward logs over syslog or offer an API for tools such as a SIEM.",
  },
  "SR 6.2": {
    check:
      "The zone's security is watched continuously (network monitoring, intrusion detection, log review, remote sessions watched), and someone acts on what is found.",
    evidence:
      "An OT network monitoring or IDS deployment; alert handling records; monitoring of vendor sessions.",
    question: "Is the zone monitored continuously for security events, with someone acting on alerts?",
    remediation:
      "Deploy passive OT network monitoring and log correlation, and assign who responds to alerts and when.",
  },
};

export const FR7_GUIDANCE: Record<string, Guidance> = {
  "SR 7.1": {
    check: "Systems keep their essential functions running under a flood of traffic or a degraded network.",
    evidence:
      "Robustness certifications of components (e.g. ISASecure), storm control settings, test records.",
    question: "Do the zone's systems keep their essential functions during a denial of service?",
    remediation: "Enable storm control and rate limits, and prefer components with robustness test results.",
  },
  "SR 7.1 RE 1": {
    check:
      "Communication load is managed so that no source can overload the system (rate limits, quality of service).",
    evidence: "Rate limit and quality-of-service configuration.",
    question: "Are communication loads managed to prevent overload?",
    remediation: "Configure quality of service, rate limits and broadcast storm control.",
  },
  "SR 7.1 RE 2": {
    check: "A misbehaving system cannot take down other systems or networks.",
    evidence: "Per-port or per-host limits; a segmentation design that contains floods.",
    question: "Is each system prevented from causing a denial of service to others?",
    remediation: "Apply per-port and per-host limits so one misbehaving device cannot affect the others.",
  },
  "SR 7.2": {
    check: "Resources (processor, memory, bandwidth) are limited per function so that none can exhaust them.",
    evidence: "Resource limits; capacity monitoring of servers and controllers.",
    question: "Are resources managed so that no function can exhaust them?",
    remediation: "Set resource limits and monitor the capacity of servers and controllers.",
  },
  "SR 7.3": {
    check:
      "Every system whose loss would stop or blind the process has a current backup of its software, configuration and controller program, made without disturbing operation.",
    evidence:
      "A backup register covering controllers, HMIs, servers, engineering workstations and network devices; dated backup files; offline copies.",
    question: "Is there a current backup of every system in the zone?",
    remediation:
      "Back up every controller program and system configuration on a schedule and keep one copy offline.",
  },
  "SR 7.3 RE 1": {
    check:
      "Backups are proven usable: restored to test hardware or verified against the running system, at least yearly.",
    evidence: "Restore test records with dates and results.",
    question: "Has every backup been verified by a restore test within the past year?",
    remediation: "Restore-test each backup at least once a year and record the result.",
  },
  "SR 7.3 RE 2": {
    check: "Backups are made automatically on a schedule.",
    evidence: "Backup job schedules and their success logs.",
    question: "Are backups made automatically on a schedule?",
    remediation: "Automate backups, controller program retrieval included, and alarm when a job fails.",
  },
  "SR 7.4": {
    check:
      "A written and practised procedure brings each system back to a known secure state after a disruption.",
    evidence: "Recovery procedures per system; records of recovery exercises; spare hardware and media.",
    question: "Can the zone's systems be recovered to a known secure state by a documented procedure?",
    remediation: "Write a recovery procedure per system, keep spares and media ready, and practise recovery.",
  },
  "SR 7.5": {
    check:
      "Switching to and from emergency power leaves the systems and their security functions in a secure state.",
    evidence: "UPS and generator design; switchover test records.",
    question: "Can the zone switch to and from emergency power without weakening its security?",
    remediation: "Put control and security systems on a UPS and test the switchover.",
  },
  "SR 7.6": {
    check: "Network and security settings follow a documented hardening baseline and can be reviewed.",
    evidence:
      "Baselines per device type; exported configurations of firewalls, switches and hosts compared with them.",
    question: "Are network and security settings configured and documented against a baseline?",
    remediation: "Define a hardening baseline per device type, apply it, and keep configuration exports.",
  },
  "SR 7.6 RE 1": {
    check: "The current security settings can be exported in a machine-readable form.",
    evidence: "Configuration exports (text, XML, JSON) used in compliance checks.",
    question: "Can the current security settings be reported in a machine-readable form?",
    remediation: "Collect configuration exports regularly with tooling.",
  },
  "SR 7.7": {
    check: "Ports, services, protocols and software the zone does not need are disabled or removed.",
    evidence: "Port scans and captures compared with the list of needed services; hardening records.",
    question: "Are unneeded functions, ports, protocols and services disabled on the zone's systems?",
    remediation:
      "Disable unused services (web servers, Telnet, FTP, SNMP v1/v2c) and remove unneeded software.",
  },
  "SR 7.8": {
    check:
      "An inventory of the zone's components (hardware, software, firmware versions) exists and matches what is on the network.",
    evidence: "The asset register compared with the assets discovered passively; firmware versions recorded.",
    question: "Is there a complete and current inventory of the zone's components and their versions?",
    remediation:
      "Keep an asset register with firmware and software versions, and reconcile it with network discovery regularly.",
  },
};
