/** The commented plant.yaml that `otaudit init` writes: valid as it stands, every section explained. */
export const PLANT_SKELETON = `# yaml-language-server: $schema=https://otaudit.invalid/schemas/plant.schema.json
# plant.yaml: what the plant is meant to be. otaudit holds the evidence (captures/, firewalls/, scans/,
# advisories/) against it. Run \`otaudit validate .\` after each edit; \`otaudit schema\` writes the JSON Schema
# for your editor (replace the URL above with the path of plant.schema.json).

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

# Conduits are the permitted paths between zones, with the flows they are meant to carry.
conduits:
  - id: enterprise-control
    zones: [enterprise, control]
    protections: [firewall]          # firewall, data-diode, vpn, jump-host, unidirectional-gateway, application-proxy, ids
    flows:
      - { protocol: https, transport: tcp, ports: [443], from: control, to: enterprise }

# Assets you know of. Captures and scans add what you did not list.
# role: plc, rtu, ied, safety-controller, hmi, ews, scada-server, historian, opc-server, network-device,
#       firewall, jump-host, it-workstation, it-server, iot, unknown
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
`;
