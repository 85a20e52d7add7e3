/** Our assessor guidance for FR4, data confidentiality (DC), and FR5, restricted data flow (RDF). */
import type { Guidance } from "../types.js";

export const FR4_GUIDANCE: Record<string, Guidance> = {
  "SR 4.1": {
    check:
      "Information that must stay confidential (credentials, recipes, configurations, process data under contract) is protected where it is stored and while it moves.",
    evidence:
      "A data classification; access and encryption settings; captures showing no passwords or confidential data sent in the clear.",
    question: "Is confidential information protected at rest and in transit in the zone?",
    remediation:
      "Identify confidential data, replace cleartext services (Telnet, FTP, HTTP) with SSH, SFTP and HTTPS, and restrict access to stored data.",
  },
  "SR 4.1 RE 1": {
    check: "Information that is stored outside the zone or crosses untrusted networks is encrypted.",
    evidence:
      "VPN or TLS on links that leave the zone; encrypted storage of data taken off site (backups, exports).",
    question: "Is information encrypted when it is stored on, or crosses, untrusted networks?",
    remediation: "Encrypt every link across untrusted networks and every copy of data kept outside the zone.",
  },
  "SR 4.1 RE 2": {
    check: "Information is encrypted whenever it crosses any zone boundary, trusted or not.",
    evidence: "Encryption on every conduit of the zone.",
    question: "Is information encrypted whenever it crosses a zone boundary?",
    remediation: "Encrypt traffic on every conduit (IPsec, TLS, secure protocol modes).",
  },
  "SR 4.2": {
    check: "Components leaving service, or reused elsewhere, are wiped of plant information first.",
    evidence: "The decommissioning procedure and its wipe records.",
    question: "Is information purged from components before they are decommissioned or reused?",
    remediation: "Write and follow a decommissioning procedure with secure wiping, and keep the records.",
  },
  "SR 4.2 RE 1": {
    check: "Shared memory is cleared before it is handed to another user or process.",
    evidence: "The platform vendor's statement or operating system features.",
    question: "Is shared memory purged before it is reused?",
    remediation: "Choose platforms that clear shared memory before it is reallocated.",
  },
  "SR 4.3": {
    check:
      "Wherever cryptography is used, it relies on current, recognised algorithms and key lengths, with managed keys.",
    evidence:
      "Cipher settings of TLS, VPN and OPC UA endpoints; no deprecated protocols or algorithms (SSL, TLS 1.0, DES, RC4, MD5 signatures).",
    question: "Does the cryptography in use rely on recognised algorithms, key lengths and key management?",
    remediation: "Disable deprecated ciphers and protocol versions, and adopt a key management procedure.",
  },
};

export const FR5_GUIDANCE: Record<string, Guidance> = {
  "SR 5.1": {
    check:
      "The zone is a network segment of its own, and traffic to other zones flows only through its declared conduits.",
    evidence:
      "Drawings and the VLAN and subnet plan; firewall configuration; captures showing no flows to other zones outside the declared conduits.",
    question:
      "Is the zone segmented from other networks, with traffic between zones limited to its conduits?",
    remediation:
      "Put the zone in its own subnet and VLAN behind a firewall, and remove every path that bypasses the conduits.",
  },
  "SR 5.1 RE 1": {
    check:
      "The control network is physically separate from non-control networks: its own switches and cabling, not only VLANs.",
    evidence: "Physical network drawings; the switch inventory.",
    question: "Is the zone's network physically separated from non-control networks?",
    remediation: "Move control networks onto dedicated switches and cabling.",
  },
  "SR 5.1 RE 2": {
    check:
      "The zone keeps running when non-control networks fail: it does not depend on enterprise DNS, directory, file shares or the internet.",
    evidence: "A dependency analysis; a test of operation with the link to the enterprise network cut.",
    question: "Does the zone keep providing its services with non-control networks disconnected?",
    remediation:
      "Provide local DNS, time and directory services for OT, and remove dependencies on IT networks.",
  },
  "SR 5.1 RE 3": {
    check:
      "Critical networks, such as the safety network, are isolated logically and physically from the others.",
    evidence: "Dedicated infrastructure for the critical network; unidirectional gateways.",
    question: "Are critical networks isolated logically and physically from non-critical ones?",
    remediation:
      "Isolate critical networks on dedicated infrastructure, with unidirectional gateways where possible.",
  },
  "SR 5.2": {
    check:
      "A boundary device controls and logs every communication crossing the zone boundary, and lets through only the flows its conduits declare.",
    evidence:
      "The firewall rule base of the zone's interfaces mapped to the declared conduit flows; captures with no cross-zone traffic that the conduits do not declare.",
    question: "Does a boundary device control and monitor every communication crossing the zone boundary?",
    remediation:
      "Enforce exactly the declared conduit flows at the zone's firewall, remove broader rules, and log the boundary.",
  },
  "SR 5.2 RE 1": {
    check: "The boundary blocks everything that is not explicitly allowed.",
    evidence: "A deny default policy; every allow rule traced to a declared flow.",
    question: "Does the zone boundary deny all traffic by default and allow only listed exceptions?",
    remediation: "Set the boundary's default to deny and add an explicit rule per declared flow.",
  },
  "SR 5.2 RE 2": {
    check:
      "The zone can be cut off from all outside connections on purpose (during an attack elsewhere) and keep operating.",
    evidence: "An isolation switch or firewall profile, a procedure, and a test record.",
    question:
      "Can all communication across the zone boundary be stopped on demand while the zone keeps operating?",
    remediation: "Provide a tested way to isolate the zone and procedures for operating while isolated.",
  },
  "SR 5.2 RE 3": {
    check: "If the boundary device fails, traffic stops rather than passing unchecked.",
    evidence: "The firewall's failure behaviour (no fail-open bypass), from a test or the vendor.",
    question: "Does the zone boundary block traffic when its protection fails?",
    remediation:
      "Configure boundary devices without fail-open bypass; add redundancy if availability needs it.",
  },
  "SR 5.3": {
    check:
      "E-mail, chat, social media and similar person-to-person messaging are kept out of the control systems.",
    evidence:
      "Firewall rules blocking mail, chat and web; software lists of HMIs and engineering workstations.",
    question: "Is general-purpose person-to-person messaging (e-mail, chat, web) kept out of the zone?",
    remediation:
      "Block e-mail, messaging and web access from control systems and remove such clients from them.",
  },
  "SR 5.3 RE 1": {
    check: "All such messaging is prohibited in the zone, not only restricted.",
    evidence: "Deny rules covering every person-to-person messaging service.",
    question: "Is all general-purpose person-to-person messaging prohibited in the zone?",
    remediation: "Block every person-to-person messaging service at the zone boundary.",
  },
  "SR 5.4": {
    check:
      "Applications and services are separated by criticality: web front-ends, reporting or office tools do not share hosts with control functions.",
    evidence: "A system architecture showing where each application runs.",
    question: "Are data, applications and services partitioned by criticality?",
    remediation:
      "Move non-essential applications off hosts that run control functions, or isolate them in virtual machines.",
  },
};
