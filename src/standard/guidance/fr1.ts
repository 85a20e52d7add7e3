/** Our assessor guidance for FR1, identification and authentication control (IAC). */
import type { Guidance } from "../types.js";

export const FR1_GUIDANCE: Record<string, Guidance> = {
  "SR 1.1": {
    check:
      "Every interface through which a person operates or configures the zone's systems (HMI, engineering software, web pages, consoles) finds out who the person is and checks it before giving access.",
    evidence:
      "Logon prompts seen on each HMI, engineering workstation and web interface; a list of the interfaces that need no logon, each with the reason (a view-only wall display, an emergency stop panel).",
    question: "Does every person have to identify and authenticate before using the zone's systems?",
    remediation:
      "Turn on authentication on every operator, engineering and maintenance interface; where a panel must stay open for emergencies, limit it to viewing or local operation and record why.",
  },
  "SR 1.1 RE 1": {
    check:
      "Each person logs on with an account of their own, so every action traces back to one person: no shared operator, engineer, administrator or vendor logins.",
    evidence:
      "Account lists of HMIs, SCADA servers and engineering workstations compared with the staff and vendor list; no generic names such as operator, admin, engineer or USER.",
    question: "Does every person log on with their own account, with no shared or generic logins?",
    remediation:
      "Give everyone a personal account, move the people using shared logins to their own, and disable generic and vendor default accounts.",
  },
  "SR 1.1 RE 2": {
    check:
      "Human access arriving through untrusted networks (remote access from the internet, the enterprise network) needs a second factor besides the password.",
    evidence:
      "VPN or jump-host configuration that requires a token, an app or a smart card; a test logon that shows the second-factor prompt.",
    question: "Does every human access from an untrusted network require multifactor authentication?",
    remediation:
      "Require multifactor authentication at the VPN or jump host for all remote and cross-zone logons.",
  },
  "SR 1.1 RE 3": {
    check: "Even logons over the control network itself need a second factor, not only those from outside.",
    evidence:
      "Logon configuration of HMIs, engineering workstations and servers showing smart cards or tokens for network logons.",
    question:
      "Is multifactor authentication required for human access over every network, including inside the zone?",
    remediation:
      "Roll out smart cards or tokens for engineering and operator logons made over any network, starting with privileged accounts.",
  },
  "SR 1.2": {
    check:
      "Devices and software processes that send commands or data to the zone's systems prove who they are (certificates, authenticated protocol modes) instead of being trusted for their address.",
    evidence:
      "Authenticated modes configured between SCADA and controllers (DNP3 Secure Authentication, OPC UA with certificates, CIP Security, S7 access protection with a password); captures that show them in use.",
    question: "Do the zone's systems authenticate the devices and processes that send them commands or data?",
    remediation:
      "Enable the authenticated modes of the industrial protocols in use, or put unauthenticated traffic behind a gateway that authenticates its peers.",
  },
  "SR 1.2 RE 1": {
    check:
      "Each device and software process authenticates with a credential of its own; no key or certificate is shared.",
    evidence: "A certificate and key inventory showing one credential per device or service.",
    question: "Does every device and software process authenticate with its own credential?",
    remediation: "Issue a certificate or key per device and service, and replace shared keys.",
  },
  "SR 1.3": {
    check:
      "Accounts are created, changed, reviewed and removed through a defined process that covers leavers, role changes and vendor accounts.",
    evidence:
      "Account requests and removals on record; the date and result of the last account review; account lists without stale or orphaned accounts.",
    question: "Are the zone's accounts added, reviewed and removed through a process that leaves records?",
    remediation:
      "Keep an account register with an owner for each account, review it at least quarterly, and disable leavers' and unused accounts at once.",
  },
  "SR 1.3 RE 1": {
    check:
      "Accounts of the zone's systems are managed in one place (an OT directory) rather than one device at a time.",
    evidence:
      "Directory membership of HMIs, servers and engineering workstations; the central account policy.",
    question: "Are the accounts of the zone's systems managed centrally?",
    remediation:
      "Join the systems to an OT directory, kept apart from the enterprise one, and manage accounts there.",
  },
  "SR 1.4": {
    check:
      "Identifiers of users, groups, roles and devices follow a scheme, so that an identifier always means the same subject and is not reused.",
    evidence:
      "The naming convention; records of identifier assignment; former staff's identifiers not reissued.",
    question:
      "Are identifiers of users, groups, roles and devices assigned and managed under a defined scheme?",
    remediation:
      "Write an identifier scheme, apply it, and never reissue the identifier of a person who left.",
  },
  "SR 1.5": {
    check:
      "Passwords, keys and tokens are issued and revoked under control, default ones are changed, and none is stored or sent in the clear.",
    evidence:
      "No default credentials left on PLCs, switches or web interfaces; secure password storage; captures that show no cleartext logons (Telnet, FTP, HTTP Basic, SNMP communities).",
    question:
      "Are authenticators managed so that defaults are changed and secrets are never stored or sent in the clear?",
    remediation:
      "Change every default password and SNMP community, replace protocols that send credentials in the clear, and keep secrets in a vault.",
  },
  "SR 1.5 RE 1": {
    check:
      "Credentials of software processes are held in hardware (TPM, HSM, smart card) rather than in files.",
    evidence: "Configuration showing process private keys in a TPM or HSM.",
    question: "Are the credentials of software processes protected by hardware?",
    remediation: "Move the private keys of services into TPMs or HSMs.",
  },
  "SR 1.6": {
    check: "Anyone and anything connecting over wireless in the zone is identified and authenticated.",
    evidence:
      "Wireless configuration (WPA2/WPA3-Enterprise, 802.1X), a wireless survey, or a survey showing the zone has no wireless at all.",
    question: "Is all wireless access to the zone identified and authenticated, or is there no wireless?",
    remediation:
      "Use 802.1X (WPA3-Enterprise) for wireless in the zone and remove open or shared-key access points.",
  },
  "SR 1.6 RE 1": {
    check: "Each wireless user and device authenticates individually; no pre-shared key is common to all.",
    evidence: "RADIUS logs naming each user or device.",
    question: "Does every wireless user and device authenticate with its own identity?",
    remediation: "Replace shared wireless keys with per-device certificates or per-user 802.1X.",
  },
  "SR 1.7": {
    check:
      "Every system that uses passwords enforces a minimum strength (length, complexity or a passphrase rule).",
    evidence: "Password policy settings (group policy, secedit export, device settings).",
    question: "Do the zone's systems enforce a configured minimum password strength?",
    remediation:
      "Configure a password policy on every system; where a device cannot enforce one, document the compensating measure.",
  },
  "SR 1.7 RE 1": {
    check: "Human users' passwords have lifetime limits and cannot be reused at once.",
    evidence: "Policy settings for password age and history.",
    question: "Are password lifetime and reuse restrictions enforced for human users?",
    remediation: "Set age and history limits for human accounts' passwords.",
  },
  "SR 1.7 RE 2": {
    check: "Service and device accounts' passwords also have lifetime limits and are changed.",
    evidence: "Records of service-account password changes, or managed service accounts.",
    question: "Are password lifetime restrictions enforced for every account, including service accounts?",
    remediation:
      "Rotate service-account passwords automatically (managed service accounts, a password vault).",
  },
  "SR 1.8": {
    check:
      "Certificates in use come from a managed public key infrastructure that issues, renews and revokes them.",
    evidence:
      "PKI documentation; a certificate inventory with expiry dates; reachable revocation information.",
    question: "Are the zone's certificates issued and managed by a PKI with renewal and revocation?",
    remediation: "Run or adopt a PKI for OT certificates, replace self-signed certificates and track expiry.",
  },
  "SR 1.9": {
    check:
      "Systems that authenticate with public keys validate certificates fully (chain, validity, revocation) and protect their private keys.",
    evidence:
      "Certificate validation settings of OPC UA and TLS endpoints; a test showing an untrusted certificate being rejected.",
    question:
      "Do systems using public-key authentication validate certificates fully and protect their private keys?",
    remediation:
      "Enable full certificate validation with trust lists and revocation checks; reject untrusted certificates.",
  },
  "SR 1.9 RE 1": {
    check: "Private keys used for authentication are held in hardware.",
    evidence: "TPM, HSM or smart-card key storage in the configuration.",
    question: "Are the private keys used for public-key authentication protected by hardware?",
    remediation: "Store authentication keys in TPMs, HSMs or smart cards.",
  },
  "SR 1.10": {
    check: "Logon screens hide what is typed as password or PIN.",
    evidence: "Logon screens of HMIs, engineering workstations and web interfaces, as seen.",
    question: "Do logon screens obscure the password or PIN while it is entered?",
    remediation: "Configure masked entry; replace interfaces that show passwords as they are typed.",
  },
  "SR 1.11": {
    check:
      "Repeated failed logons are limited (lockout or growing delay) in a way that cannot lock operators out of the process.",
    evidence: "Lockout or delay settings; a test on a non-critical account.",
    question: "Are consecutive failed logon attempts limited?",
    remediation:
      "Set a lockout threshold or a growing delay; on operator stations prefer delay and an alarm over lockout.",
  },
  "SR 1.12": {
    check: "A notice before logon tells users the system is for authorised use and is monitored.",
    evidence: "The logon banner as shown on HMIs, engineering workstations and the jump host.",
    question: "Is a system use notice shown before logon?",
    remediation: "Configure a logon banner approved by the plant's management on every interactive system.",
  },
  "SR 1.13": {
    check:
      "Every path from untrusted networks (internet, enterprise network, vendors) into the zone is known, controlled and monitored, and passes a managed point such as the DMZ jump host.",
    evidence:
      "The list of remote-access paths; firewall rules for them; captures with no remote-support tools (TeamViewer, AnyDesk) or modems bypassing the jump host.",
    question:
      "Is every access from untrusted networks into the zone controlled and monitored on an approved path?",
    remediation:
      "Remove remote-support tools and modems that bypass the DMZ; route all remote access through the jump host with MFA and logging.",
  },
  "SR 1.13 RE 1": {
    check: "Remote access is opened only after a responsible person approves the session or the request.",
    evidence: "Approval records of vendor sessions; a jump host or VPN that requires approval to connect.",
    question: "Does each remote access need explicit approval before it is granted?",
    remediation:
      "Require an operator's approval for each remote session: accounts enabled on request and for a limited time.",
  },
};
