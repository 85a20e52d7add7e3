/** Our assessor guidance for FR2, use control (UC). */
import type { Guidance } from "../types.js";

export const FR2_GUIDANCE: Record<string, Guidance> = {
  "SR 2.1": {
    check:
      "Once logged on, a user can do only what their role allows: an operator cannot download a program to a controller, a viewer cannot change a setpoint.",
    evidence:
      "Role and permission settings in SCADA, HMI and engineering software; controller access protection levels; captures showing program downloads and controller stops only from the engineering workstation.",
    question: "Is every user limited to the actions their role allows?",
    remediation:
      "Define roles and permissions in SCADA and engineering software, and enable controller access protection so only authorised stations and users can write, stop or download.",
  },
  "SR 2.1 RE 1": {
    check:
      "Permissions apply to every account, including service, vendor and administrator accounts: nobody bypasses them.",
    evidence:
      "Permission settings that cover service and vendor accounts; no accounts with blanket rights without a reason.",
    question:
      "Are authorizations enforced for all users, including service, vendor and administrator accounts?",
    remediation: "Put every account, service and vendor ones included, in a role with limited permissions.",
  },
  "SR 2.1 RE 2": {
    check: "Permissions are given to roles and people are assigned roles, with the mapping written down.",
    evidence: "A role-permission matrix; group memberships that match it.",
    question: "Are permissions mapped to roles, and users assigned to those roles?",
    remediation: "Write a role-permission matrix and configure group-based permissions from it.",
  },
  "SR 2.1 RE 3": {
    check:
      "A supervisor can lift a restriction for a limited time in an emergency, and every such override is logged.",
    evidence: "The override procedure and its configuration; audit entries of past overrides.",
    question: "Can a supervisor override authorizations in a controlled and logged way?",
    remediation: "Provide a time-limited, logged supervisor override and a procedure for using it.",
  },
  "SR 2.1 RE 4": {
    check:
      "Actions whose mistakes are severe (bypassing a safety function, downloading to a critical controller) need two people.",
    evidence: "Configuration of two-person approval for the actions listed as critical.",
    question: "Do critical actions require the approval of two people?",
    remediation: "Introduce dual approval for the actions whose mistakes would be most severe.",
  },
  "SR 2.2": {
    check:
      "What wireless users and devices may do in the zone is restricted as tightly as on the wired network.",
    evidence: "Authorization policies for wireless; firewall rules for the wireless segment.",
    question: "Is the use of wireless in the zone authorized and enforced?",
    remediation: "Put wireless on its own segment behind rules that allow only what it needs.",
  },
  "SR 2.2 RE 1": {
    check: "Rogue access points and unknown wireless devices are found and reported.",
    evidence: "Wireless intrusion detection, or reports of regular wireless surveys.",
    question: "Are unauthorized wireless devices detected and reported?",
    remediation: "Deploy wireless intrusion detection or survey the site for wireless devices on a schedule.",
  },
  "SR 2.3": {
    check:
      "Laptops, USB media and phones that connect to the zone are allowed, restricted or blocked by rule, and their use recorded.",
    evidence: "USB device control settings; the portable media procedure; records of a media scanning kiosk.",
    question: "Is the use of portable and mobile devices in the zone restricted and enforced?",
    remediation:
      "Block unauthorised USB storage, scan media at a kiosk before use, and allow only managed laptops.",
  },
  "SR 2.3 RE 1": {
    check:
      "A portable device's security state (patches, malware protection) is checked before it may connect.",
    evidence: "Network access control posture checks, or kiosk scan records.",
    question: "Is the security state of a portable device checked before it connects?",
    remediation: "Check laptops and media before connection (network access control, a scanning kiosk).",
  },
  "SR 2.4": {
    check:
      "Scripts, macros, browser plug-ins and other code that travels with documents or pages are restricted on the zone's systems.",
    evidence:
      "Application control and script policies on HMIs and engineering workstations; browser settings.",
    question: "Is the use of mobile code (scripts, macros, plug-ins) restricted on the zone's systems?",
    remediation:
      "Disable macros and plug-ins and use application allow-listing on HMIs and engineering workstations.",
  },
  "SR 2.4 RE 1": {
    check: "Mobile code that is allowed is checked for integrity (signed) before it runs.",
    evidence: "Code-signing enforcement settings.",
    question: "Is the integrity of allowed mobile code verified before it runs?",
    remediation: "Allow only signed scripts and macros to run.",
  },
  "SR 2.5": {
    check: "Idle sessions lock after a set time, without hiding process displays that operators must see.",
    evidence:
      "Screen-lock settings of engineering workstations, servers and the jump host; documented exceptions for control-room HMIs.",
    question:
      "Do idle interactive sessions lock automatically, with documented exceptions for operator displays?",
    remediation:
      "Configure an inactivity lock on engineering and server consoles; on HMIs use a lock that keeps the process view.",
  },
  "SR 2.6": {
    check: "Remote sessions end after a period of inactivity, and the site can end a session at any time.",
    evidence:
      "Idle timeouts of the VPN and jump host; a session ended by the site during the assessment; session logs.",
    question: "Are remote sessions ended after inactivity, and can the site end them at will?",
    remediation:
      "Set idle timeouts on the VPN and the jump host and give operators the means to end remote sessions.",
  },
  "SR 2.7": {
    check: "The number of simultaneous sessions per user or per interface is limited.",
    evidence: "Configuration that limits concurrent sessions.",
    question: "Is the number of concurrent sessions limited?",
    remediation: "Configure session limits on servers, the jump host and web interfaces.",
  },
  "SR 2.8": {
    check:
      "Security events (logons and failures, account and permission changes, configuration changes, program downloads) are logged.",
    evidence: "Audit policy settings (auditpol export); controller and SCADA event logs with sample entries.",
    question: "Are security-relevant events recorded in audit logs on the zone's systems?",
    remediation:
      "Enable audit logging of logons, account changes, configuration changes and program downloads.",
  },
  "SR 2.8 RE 1": {
    check: "The logs of all systems are gathered into one central audit trail (syslog collector, SIEM).",
    evidence: "Collector configuration and the list of systems sending to it.",
    question: "Are audit records gathered into one central, system-wide audit trail?",
    remediation: "Forward the logs of every system to a collector inside the OT network.",
  },
  "SR 2.9": {
    check:
      "Enough storage is set aside for audit records, so events are kept for the required time and not lost.",
    evidence: "Log size and retention settings; the oldest record actually kept.",
    question: "Is enough audit storage allocated for the retention the plant needs?",
    remediation: "Size log storage for the retention required and configure how it rolls over.",
  },
  "SR 2.9 RE 1": {
    check: "An alarm warns when audit storage approaches its limit.",
    evidence: "Threshold alarm configuration on log hosts.",
    question: "Does the system warn when audit storage nears its limit?",
    remediation: "Configure a storage threshold alarm on every log host.",
  },
  "SR 2.10": {
    check:
      "A failure of logging raises an alarm and triggers a defined response that keeps the process running.",
    evidence: "Settings for behaviour on logging failure; alarm configuration.",
    question: "Does a failure of audit logging raise an alarm and trigger a defined response?",
    remediation:
      "Alarm on logging failures and define the response (overwrite the oldest, alert) that keeps operations safe.",
  },
  "SR 2.11": {
    check: "Audit records carry timestamps good enough to line events up across systems.",
    evidence: "Log samples with timestamps; time synchronisation settings.",
    question: "Do audit records carry timestamps that allow events on different systems to be correlated?",
    remediation: "Include timestamps in every log and synchronise the clocks of the systems that write them.",
  },
  "SR 2.11 RE 1": {
    check: "Clocks are synchronised to one time source for the whole system.",
    evidence: "NTP or PTP settings pointing at the OT time server; measured clock drift.",
    question: "Are the zone's clocks synchronised to a system-wide time source?",
    remediation: "Set up an OT time server and point every system at it.",
  },
  "SR 2.11 RE 2": {
    check:
      "The time source is protected against tampering: authenticated time synchronisation, alarms on time jumps.",
    evidence: "Authenticated NTP configuration; an alarm on time changes.",
    question: "Is the time source protected against unauthorised change?",
    remediation: "Use authenticated time synchronisation and alarm on unexpected time changes.",
  },
  "SR 2.12": {
    check: "It can be shown which person performed an action, and that person cannot credibly deny it.",
    evidence: "Audit records tying actions to individually authenticated people, protected against change.",
    question: "Can it be proved which person performed a given action?",
    remediation:
      "Combine personal accounts, protected audit trails and electronic signatures for critical actions.",
  },
  "SR 2.12 RE 1": {
    check: "Such proof also exists for actions of service accounts and software processes.",
    evidence: "Signed or otherwise attributable records of automated actions.",
    question: "Can the actions of all users, software processes included, be attributed beyond dispute?",
    remediation: "Extend signing and attributable logging to service accounts and processes.",
  },
};
