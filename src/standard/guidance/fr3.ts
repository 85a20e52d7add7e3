/** Our assessor guidance for FR3, system integrity (SI). */
import type { Guidance } from "../types.js";

export const FR3_GUIDANCE: Record<string, Guidance> = {
  "SR 3.1": {
    check:
      "Commands and measurements cannot be altered in transit unnoticed: at the least, untrusted parties are kept off their path, so no ICS command reaches the zone from outside its conduits.",
    evidence:
      "A network design keeping ICS traffic inside the zone and its conduits; captures showing no ICS writes or commands arriving from other zones outside the declared conduits.",
    question: "Is the integrity of information sent to and from the zone protected?",
    remediation:
      "Keep cleartext ICS protocols inside their zone; where commands must cross a boundary, carry them over an integrity-protected channel (VPN, TLS, a protocol's secure mode).",
  },
  "SR 3.1 RE 1": {
    check:
      "Integrity is protected with cryptography (message authentication codes, signatures), not only by network design.",
    evidence:
      "Secure protocol modes configured (OPC UA Sign, DNP3 Secure Authentication, CIP Security) or IPsec/TLS tunnels; captures showing them in use across the zone boundary.",
    question: "Is cryptographic integrity protection used for communications that cross the zone boundary?",
    remediation:
      "Use secured protocol variants, or integrity-protected tunnels, for every ICS flow that leaves the zone.",
  },
  "SR 3.2": {
    check:
      "Systems that can run malware are protected (antivirus or application allow-listing), and the protection is current.",
    evidence:
      "Antivirus or allow-listing status per host; signature dates; the vendor's approval of the product.",
    question: "Do the zone's hosts have malware protection that is active and up to date?",
    remediation:
      "Deploy vendor-approved antivirus or application allow-listing on HMIs, servers and engineering workstations and keep it current.",
  },
  "SR 3.2 RE 1": {
    check:
      "Malware is also checked where data enters or leaves the zone (file transfer, e-mail gateway, USB kiosk, DMZ).",
    evidence: "Scanning on the DMZ file-transfer server, the media kiosk or proxies.",
    question: "Is malicious code checked at the zone's entry and exit points?",
    remediation: "Scan every file entering the zone at a DMZ file-transfer server or a media kiosk.",
  },
  "SR 3.2 RE 2": {
    check: "Malware protection is managed and reports from one central console.",
    evidence: "A central console listing every OT host with its protection status.",
    question: "Is malware protection managed and reported centrally?",
    remediation: "Manage OT malware protection from a central console inside the OT network.",
  },
  "SR 3.3": {
    check:
      "Security functions (firewall rules, malware protection, logging, backups) are tested to confirm they work, at commissioning and after changes.",
    evidence:
      "Test records: firewall rule tests, log collection checks, security tests in factory and site acceptance.",
    question: "Is the correct working of the security functions verified?",
    remediation:
      "Add security function tests to commissioning, maintenance and change procedures, and keep the results.",
  },
  "SR 3.3 RE 1": {
    check: "That verification is automated (scheduled compliance checks, configuration audits).",
    evidence: "Scheduled verification jobs and their output.",
    question: "Are security functions verified by automated means?",
    remediation: "Schedule automated compliance checks of security settings.",
  },
  "SR 3.3 RE 2": {
    check: "Security functions are verified while the plant runs, without a shutdown.",
    evidence: "Output of continuous verification that is safe for the running process.",
    question: "Are security functions verified during normal operation?",
    remediation: "Run the verification continuously, in a way that does not disturb the process.",
  },
  "SR 3.4": {
    check: "Unauthorised changes to software, firmware, configuration and controller programs are detected.",
    evidence: "Program compare against a reference, file integrity monitoring, signed firmware enforcement.",
    question: "Are unauthorised changes to software, firmware and controller logic detected?",
    remediation:
      "Compare controller programs and host files against a known-good baseline regularly, and accept only signed firmware.",
  },
  "SR 3.4 RE 1": {
    check: "A detected integrity violation raises an alert by itself.",
    evidence: "Alert configuration of the integrity monitoring.",
    question: "Are integrity violations notified automatically?",
    remediation: "Connect integrity monitoring to alarms or to the central log system.",
  },
  "SR 3.5": {
    check:
      "Inputs that affect the process (setpoints, commands, parameters) are checked for format and range before they are acted on.",
    evidence: "Setpoint limits in HMI and controller logic; vendor robustness test results.",
    question: "Do the zone's systems validate the format and range of inputs that affect the process?",
    remediation:
      "Configure setpoint limits and input checks in HMI and controller logic; ask vendors for robustness test results.",
  },
  "SR 3.6": {
    check:
      "Outputs go to a defined state when normal operation cannot continue, for example when communication is lost.",
    evidence: "Configured fail-safe output behaviour (hold or safe value) and its test record.",
    question: "Do outputs go to a predetermined state when normal operation cannot be maintained?",
    remediation:
      "Configure and test the state each output takes on loss of communication or controller failure.",
  },
  "SR 3.7": {
    check: "Error messages tell operators what they need without giving an attacker useful details.",
    evidence: "A review of error messages of web interfaces and applications.",
    question: "Are errors handled so that messages reveal nothing an attacker could use?",
    remediation: "Use generic error pages; remove stack traces and version banners from interfaces.",
  },
  "SR 3.8": {
    check:
      "Communication sessions are protected against hijacking and replay (secure channels, protected session tokens).",
    evidence:
      "Secure session settings (OPC UA security mode, TLS on web interfaces); captures with no unsecured channel where a secure one is available.",
    question: "Are communication sessions protected against hijacking and replay?",
    remediation:
      "Use security modes that protect sessions (OPC UA Sign or SignAndEncrypt, TLS) and disable the insecure ones.",
  },
  "SR 3.8 RE 1": {
    check: "A session identifier stops working when its session ends.",
    evidence: "A test of logout and session expiry on web and application interfaces.",
    question: "Are session identifiers invalidated when a session ends?",
    remediation: "Configure interfaces to invalidate session tokens at logout and timeout.",
  },
  "SR 3.8 RE 2": {
    check: "Every session gets its own identifier, never a reused one.",
    evidence: "The vendor's statement, or a test showing distinct identifiers.",
    question: "Does each session get a unique identifier?",
    remediation: "Upgrade or replace interfaces that reuse session identifiers.",
  },
  "SR 3.8 RE 3": {
    check: "Session identifiers cannot be predicted.",
    evidence: "The vendor's statement of random generation; a sample of identifiers.",
    question: "Are session identifiers generated from a random source?",
    remediation: "Use components that draw session identifiers from a secure random source.",
  },
  "SR 3.9": {
    check: "Audit records and audit tools cannot be read, changed or deleted by people without the right to.",
    evidence: "Permissions on log files and tools; forwarding to a collector that users cannot alter.",
    question: "Are audit records and audit tools protected against unauthorised access, change and deletion?",
    remediation: "Restrict log access to reviewers and forward logs to a protected collector.",
  },
  "SR 3.9 RE 1": {
    check: "Audit records are written to storage that cannot be rewritten.",
    evidence: "Write-once or immutable storage configuration.",
    question: "Are audit records kept on write-once media?",
    remediation: "Archive audit records to write-once or immutable storage.",
  },
};
