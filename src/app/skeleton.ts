/**
 * The commented plant.yaml and answers.yaml that `otaudit init` writes: valid as they stand, every section
 * explained. Both name the JSON Schemas that init writes into the plant folder's schemas/, so an editor with
 * the YAML language server completes and checks them at once.
 */
export const SCHEMA_FOLDER = "schemas";

export const PLANT_SKELETON = `# yaml-language-server: $schema=${SCHEMA_FOLDER}/plant.schema.json
# plant.yaml: what the plant is meant to be. otaudit holds the evidence (captures/, firewalls/, scans/,
# advisories/) against it. Run \`otaudit validate .\` after each edit.

site:
  name: My plant                     # shown on the report
  sector: water                      # water, energy, manufacturing, oil-and-gas, chemical, building, transport, other

# Zones group assets with the same security requirements (IEC 62443-3-2).
# purdueLevel: 0-5, 3.5 for the industrial DMZ. slTarget: one level 0-4 for all seven foundational
# requirements, or seven levels [FR1, FR2, FR3, FR4, FR5, FR6, FR7].
zones:
  - id: enterprise
    name: Enterprise network
    purdueLevel: 4
    subnets: [10.0.0.0/24]
    criticality: low                 # low, medium, high, critical
    slTarget: 1
  - id: control
    name: Control network
    purdueLevel: 1
    subnets: [192.168.1.0/24]
    vlans: [100]
    criticality: critical
    slTarget: [2, 2, 2, 2, 3, 2, 3]

# Conduits are the permitted paths between zones, with the flows they are meant to carry. A conduit to
# \`external\` (every network outside your zones) declares deliberate exposure, such as a vendor's port forward:
# it is then reported as the design, not as a surprise.
conduits:
  - id: enterprise-control
    zones: [enterprise, control]
    protections: [firewall]          # firewall, data-diode, vpn, jump-host, unidirectional-gateway, application-proxy, ids
    flows:
      - { protocol: https, transport: tcp, ports: [443], from: control, to: enterprise }

# Assets you know of. Captures and scans add what you did not list.
# role: plc, rtu, ied, safety-controller, hmi, ews, scada-server, historian, opc-server, network-device,
#       firewall, jump-host, it-workstation, it-server, iot, unknown
# A firewall or router on several networks lists them: interfaces: [{ name: port2, ip: 192.168.1.1, zone: control }]
# An asset's SL-C (IEC 62443-4-2), from a certificate or the supplier's declaration, caps its zone's SL-A per FR:
#   capability: { scheme: supplier-declaration, number: DECL-123, issued: "2025-01-10", slC: [2, 2, 2, 1, 2, 1, 2] }
#   (scheme: isasecure-csa, isasecure-edsa, iecee, supplier-declaration, other). Without one its SL-C is unknown.
assets:
  - id: plc-1
    name: Main PLC
    role: plc
    zone: control
    ips: [192.168.1.10]
    vendor: Siemens
    product: SIMATIC S7-1200
    firmware: V4.4.0

# Who can log on where (kind: human, service, shared, default).
accounts: []
#  - { system: plc-1, user: admin, kind: default, privileged: true }

# The backup register.
backups: []
#  - { system: plc-1, lastBackup: "2025-01-31", lastRestoreTest: "2024-11-02", offlineCopy: true, location: Safe }

vendors: []
#  - { id: integrator, name: Example Integrator Ltd, supports: [plc-1] }

# How people get in from outside (method: vpn, teamviewer, anydesk, rdp, vnc, ssh, modem, cloud-portal, other).
remoteAccess: []
#  - { id: vendor-vpn, vendor: integrator, method: vpn, via: jump-1, targets: [plc-1], mfa: true,
#      sessionApproval: true, sessionRecording: true, monitored: true }

# Security programme facts (dates as YYYY-MM-DD).
program: {}
#  incidentResponsePlan: "2024-05-01"
#  lastTabletopExercise: "2024-09-12"
#  patchProcess: documented           # none, ad-hoc, documented, managed
#  changeRecords: true
#  documentationReview: "2024-06-30"
#  securityMonitoring: ids            # none, logs-only, ids, soc

# How the evidence was gathered. Evidence taken longer ago than maxAgeDays (180 unless set) is warned of.
# captures: which zones (or only which conduits) each capture saw; a zone no capture saw is not observed.
# Without it, every capture is taken to see every zone.
evidence: {}
#  maxAgeDays: 180
#  captures:
#    - { file: captures/control-*.pcap, method: span, zones: [control], description: SPAN of the control switch }

# Who assessed the plant for whom, when and how: the report's cover and front matter. Every field is optional;
# the report says which are not stated. methods: passive-capture, configuration-review, active-scan,
# vulnerability-matching, interviews, document-review, site-walk. logo: relative to this folder (png, svg, jpg).
# engagement:
#   client: Example Water Utility
#   assessor: Example Assessors Ltd
#   team: [{ name: A. Assessor, role: Lead assessor, qualification: ISA/IEC 62443 Cybersecurity Expert }]
#   dates: { fieldworkFrom: "2025-03-10", fieldworkTo: "2025-03-12" }
#   methods: [passive-capture, configuration-review, interviews]
#   classification: "Confidential: client and assessor only"
#   version: "1.0"
#   logo: logo.svg
#   locale: en-GB                      # dates as 1 December 2026; ISO dates without it
`;

export const ANSWERS_SKELETON = `# yaml-language-server: $schema=${SCHEMA_FOLDER}/answers.schema.json
# answers.yaml: the questionnaire. \`otaudit requirements\` lists every IEC 62443-3-3 requirement with the question
# to ask and the evidence that counts; \`otaudit serve .\` answers them in the workbench. A requirement left out
# is reported as unknown, never as met.

# Answers per zone (a zone id of plant.yaml). status: met, compensated, partial, not-met, not-applicable.
# A "met" without evidence counts as unknown; not-applicable needs a justification; compensated (met by a
# compensating countermeasure) needs a compensation. Where automated evidence contradicts an answer that stands,
# say who overrules it, when and why: override: { rationale: ..., by: ..., date: "2025-02-01" }.
zones: []
#  - zone: control
#    assessor: J. Doe (Example Consulting)    # default for the answers below that name none
#    date: "2025-01-31"
#    answers:
#      - requirement: SR 1.1
#        status: met
#        evidence: Every HMI logon goes through the domain; local accounts are disabled (GPO export 2025-01-12).
#      - requirement: SR 1.1 RE 1
#        system: plc-1                          # only when one system of the zone differs from the rest
#        status: not-met
#        comment: The PLC's web server has one shared password.
#      - requirement: SR 1.6
#        status: not-applicable
#        justification: No wireless in the control zone (survey of 2025-01-20).
#      - requirement: SR 1.1 RE 2
#        status: compensated
#        compensation:
#          countermeasure: Engineering only from the cabinet, under permit, with the key switch in PROG.
#          standsFor: Multifactor authentication, which the PLC cannot perform.
#          evidence: Permit records and the key register (2025).
#          approvedBy: A. Manager (OT engineering)
#          date: "2025-01-31"

# IEC 62443-2-1 program elements with their maturity (1 initial, 2 managed, 3 defined, 4 improving).
program: []
#  - element: ORG 1
#    maturity: 2
#    evidence: OT security policy approved 2024-03; it names the roles.

# A licence holder may show the standard's own texts beside otaudit's guidance (a file of your own):
# normativeTexts: licensed/iec62443-3-3.yaml
`;
