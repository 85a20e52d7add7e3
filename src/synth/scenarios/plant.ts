/**
 * The example plant: four minutes of Riverside Water Treatment Works traffic. Normal operation (SCADA
 * polling every controller, HMIs on OPC UA, historian replication, jump-host RDP to ews-01 and hmi-01,
 * infrastructure chatter)
 * with each weakness of the plan visible in a few identifiable frames:
 *  1. office-pc-07 writes Modbus registers (FC 6, FC 16) straight to plc-filter;
 *  2. ews-01 keeps a TeamViewer connection to 37.252.227.51:5938;
 *  3. hmi-02 and ews-01 download S7 program blocks to plc-intake, ews-01 after a PLC STOP;
 *  4. Telnet login scada01 -> rtu-reservoir, FTP login to plc-filter, HTTP Basic auth to plc-dosing;
 *  5. SNMPv2c community `public` to sw-control;
 *  6. OPC UA OpenSecureChannel with SecurityMode None, hmi-02 -> scada01;
 *  7. DNP3 direct operate without secure authentication, IEC 104 single command C_SC_NA_1;
 *  8. RDP from office-pc-12 straight to hmi-01.
 */
import { parseIp } from "../network.js";
import * as bac from "../protocols/bacnet.js";
import { CIP_DINT, CIP_REAL } from "../protocols/enip.js";
import * as http from "../protocols/http.js";
import * as mb from "../protocols/modbus.js";
import * as s7 from "../protocols/s7comm.js";
import { bacnetSession } from "../sessions/bacnet.js";
import { forked, MS, SECOND, type SynthContext } from "../sessions/context.js";
import { arpResolve, cdpAdverts, dcpIdentify, lldpAdverts } from "../sessions/discovery.js";
import { dnp3Poll } from "../sessions/dnp3.js";
import { enipPoll } from "../sessions/enip.js";
import { ftpLogin, smbTransfer } from "../sessions/file-transfer.js";
import { iec104Session } from "../sessions/iec104.js";
import { dhcpLease, dnsLookup, ntpSync, snmpPoll } from "../sessions/infrastructure.js";
import { modbusPoll, modbusWrite } from "../sessions/modbus.js";
import { opcUaSession } from "../sessions/opcua.js";
import { rdpSession, sshSession, teamViewerSession, telnetLogin } from "../sessions/remote-access.js";
import { s7Download, s7Poll } from "../sessions/s7comm.js";
import { s7PlusSession } from "../sessions/s7comm-plus.js";
import { httpSession, httpsSession } from "../sessions/web.js";
import type { Activity } from "../timeline.js";
import { plantHosts } from "./plant-hosts.js";
import { CAPTURE_EPOCH, type Scenario } from "./scenario.js";

const DURATION = 240 * SECOND;

export const PLANT_IDENTITIES = {
  plcIntake: { orderNumber: "6ES7 214-1AG40-0XB0", firmware: [4, 2, 1] as [number, number, number] },
  plcFilter: { vendor: "Schneider Electric", product: "BMX P34 2020", revision: "v2.70" },
  plcDosing: {
    vendorId: 1,
    deviceType: 14,
    productCode: 108,
    revision: [33, 11] as [number, number],
    serial: 0x60e2c4a7,
    productName: "1769-L33ER/A LOGIX5333ER",
    ip: parseIp("192.168.30.13"),
  },
  bmsCtrl: { instance: 3040, vendorId: 5 },
};

export const plantScenario: Scenario = {
  tagged: true,
  build(root: SynthContext): void {
    const H = plantHosts();
    const T0 = CAPTURE_EPOCH;
    const end = T0 + DURATION;
    const at = (s: number) => T0 + Math.round(s * SECOND);
    const add = (label: string, make: (ctx: SynthContext) => Activity) =>
      root.timeline.add(make(forked(root, label)));

    // Layer 2: switch and device adverts, the IO controller checking its devices, the firewall's ARP.
    add("lldp-sw", (c) =>
      lldpAdverts(
        c,
        H.swControl,
        {
          chassisMac: H.swControl.mac,
          portId: "Gi1/1",
          portDescription: "GigabitEthernet1/1",
          systemName: "sw-control.riverside.local",
          systemDescription:
            "Cisco IOS Software [Cupertino], IE3x00 Software (IE3x00-UNIVERSALK9-M), Version 17.9.4a",
          capabilities: 0x04,
          managementIp: H.swControl.ip,
        },
        at(0.3),
        end,
        30 * SECOND,
      ),
    );
    add("cdp-sw", (c) =>
      cdpAdverts(
        c,
        H.swControl,
        {
          deviceId: "sw-control.riverside.local",
          softwareVersion:
            "Cisco IOS Software [Cupertino], IE3x00 Software (IE3x00-UNIVERSALK9-M), Version 17.9.4a, RELEASE SOFTWARE (fc3)",
          platform: "cisco IE-3300-8T2S",
          portId: "GigabitEthernet1/1",
          ip: H.swControl.ip,
          nativeVlan: 30,
        },
        at(0.8),
        end,
        60 * SECOND,
      ),
    );
    add("lldp-intake", (c) =>
      lldpAdverts(
        c,
        H.plcIntake,
        {
          chassisMac: H.plcIntake.mac,
          portId: "port-001.plc-intake",
          portDescription: "Siemens, SIMATIC S7, CPU 1214C DC/DC/DC, X1 P1",
          systemName: "plc-intake",
          systemDescription:
            "Siemens, SIMATIC S7, CPU 1214C DC/DC/DC, 6ES7 214-1AG40-0XB0, HW: 5, FW: V4.2.1",
          capabilities: 0x80,
          managementIp: H.plcIntake.ip,
        },
        at(4.1),
        end,
        30 * SECOND,
      ),
    );
    add("dcp", (c) =>
      dcpIdentify(c, at(10), H.plcIntake, [
        {
          host: H.ioIntake1,
          info: {
            typeOfStation: "ET200SP",
            nameOfStation: "et200sp-intake-1",
            vendorId: 0x002a,
            deviceId: 0x0313,
            ip: H.ioIntake1.ip,
            mask: 0xffffff00,
            gateway: H.ioIntake1.ip,
          },
        },
        {
          host: H.ioIntake2,
          info: {
            typeOfStation: "ET200SP",
            nameOfStation: "et200sp-intake-2",
            vendorId: 0x002a,
            deviceId: 0x0313,
            ip: H.ioIntake2.ip,
            mask: 0xffffff00,
            gateway: H.ioIntake2.ip,
          },
        },
      ]),
    );
    for (const [i, target] of [H.plcFilter, H.plcDosing, H.rtuReservoir].entries()) {
      add(`arp-${i}`, (c) => arpResolve(c, at(0.1 + i * 0.05), H.fwControl, H.fwControl.ip, target));
    }

    // Infrastructure services.
    add("dhcp-pc12", (c) =>
      dhcpLease(c, at(0.5), H.officePc12, H.dc01, "OFFICE-PC-12", "MSFT 5.0", "riverside.local"),
    );
    add("ntp-scada", (c) => ntpSync(c, H.scada01, H.fwSupervisory, at(5), end, 64 * SECOND));
    for (const [i, client] of [H.hmi01, H.hmi02, H.ews01, H.hist01].entries()) {
      add(`ntp-${i}`, (c) => ntpSync(c, client, H.scada01, at(7 + i * 3.3), end, 64 * SECOND));
    }
    add("snmp", (c) =>
      snmpPoll(
        c,
        H.scada01,
        H.swControl,
        "public",
        { descr: "Cisco IOS Software [Cupertino], IE3x00 Software, Version 17.9.4a", name: "sw-control" },
        at(8),
        end,
        60 * SECOND,
      ),
    );
    const dns: [number, typeof H.dc01, typeof H.dc01, string, number[]][] = [
      [2, H.officePc12, H.dc01, "fileserver.riverside.local", [H.fileserver.ip]],
      [29, H.officePc07, H.dc01, "fileserver.riverside.local", [H.fileserver.ip]],
      [49, H.officePc07, H.dc01, "historian.riverside.local", [H.histMirror.ip]],
      [19, H.ews01, H.fwSupervisory, "router4.teamviewer.com", [H.teamviewer.ip]],
      [199, H.officePc12, H.dc01, "outlook.office365.com", [H.office365.ip]],
      [44, H.hist01, H.fwSupervisory, "hist-mirror.riverside.local", [H.histMirror.ip]],
    ];
    for (const [i, [s, client, server, name, answers]] of dns.entries()) {
      add(`dns-${i}`, (c) => dnsLookup(c, at(s), client, server, name, answers));
    }

    // SCADA polling of every controller.
    add("modbus-poll", (c) =>
      modbusPoll(c, {
        client: H.scada01,
        server: H.plcFilter,
        unit: 1,
        start: at(1),
        end,
        period: 1 * SECOND,
        reads: [
          { fc: mb.FC_READ_HOLDING, address: 100, quantity: 20 },
          { fc: mb.FC_READ_COILS, address: 0, quantity: 16 },
        ],
        identity: PLANT_IDENTITIES.plcFilter,
        badReadEvery: 90,
      }),
    );
    add("s7-poll", (c) =>
      s7Poll(c, {
        client: H.scada01,
        server: H.plcIntake,
        start: at(1.2),
        end,
        period: 1 * SECOND,
        identity: PLANT_IDENTITIES.plcIntake,
        items: [
          { area: s7.AREA_DB, db: 1, start: 0, count: 4, transport: s7.TS_REAL },
          { area: s7.AREA_DB, db: 1, start: 16, count: 2, transport: s7.TS_REAL },
        ],
        writeEvery: 60,
      }),
    );
    add("enip-poll", (c) =>
      enipPoll(c, {
        client: H.scada01,
        server: H.plcDosing,
        start: at(1.4),
        end,
        period: 1 * SECOND,
        identity: PLANT_IDENTITIES.plcDosing,
        tags: [
          { name: "Cl2_Residual", type: CIP_REAL },
          { name: "Dosing_Pump_Speed", type: CIP_REAL },
          { name: "Alarm_Word", type: CIP_DINT },
        ],
        writeTag: { name: "Cl2_Setpoint", type: CIP_REAL, every: 120 },
      }),
    );
    add("dnp3", (c) =>
      dnp3Poll(c, {
        master: H.scada01,
        outstation: H.rtuReservoir,
        masterAddress: 1,
        outstationAddress: 10,
        start: at(1.6),
        end,
        period: 5 * SECOND,
        controls: [{ at: at(150), index: 2 }],
      }),
    );
    add("iec104", (c) =>
      iec104Session(c, {
        master: H.scada01,
        rtu: H.rtuPumpstation,
        commonAddress: 21,
        start: at(1.8),
        end,
        spontaneousEvery: 3 * SECOND,
        commands: [{ at: at(170), ioa: 3001, on: true }],
      }),
    );
    add("bacnet", (c) =>
      bacnetSession(c, {
        client: H.scada01,
        device: H.bmsCtrl,
        broadcastIp: parseIp("192.168.30.255"),
        ...PLANT_IDENTITIES.bmsCtrl,
        start: at(2),
        end,
        period: 10 * SECOND,
        objects: [
          { type: bac.OBJECT_ANALOG_INPUT, instance: 1 },
          { type: bac.OBJECT_ANALOG_INPUT, instance: 2 },
          { type: bac.OBJECT_BINARY_INPUT, instance: 1 },
        ],
      }),
    );
    add("s7plus", (c) =>
      s7PlusSession(c, { client: H.scada01, server: H.sis01, start: at(2.2), end, period: 2 * SECOND }),
    );

    // HMIs and historian on OPC UA: hmi-01 and hist01 Sign&Encrypt, hmi-02 SecurityMode None (weakness 6).
    const endpoint = "opc.tcp://scada01.riverside.local:4840";
    const nodes = ["Intake.Flow", "Filter.Turbidity", "Dosing.Cl2Residual", "Reservoir.Level"];
    add("opcua-hmi01", (c) =>
      opcUaSession(c, {
        client: H.hmi01,
        server: H.scada01,
        endpoint,
        start: at(3),
        end,
        period: 1 * SECOND,
        secure: true,
        nodes,
      }),
    );
    add("opcua-hmi02", (c) =>
      opcUaSession(c, {
        client: H.hmi02,
        server: H.scada01,
        endpoint,
        start: at(3.4),
        end,
        period: 1 * SECOND,
        secure: false,
        nodes,
      }),
    );
    add("opcua-hist", (c) =>
      opcUaSession(c, {
        client: H.hist01,
        server: H.scada01,
        endpoint,
        start: at(3.8),
        end,
        period: 5 * SECOND,
        secure: true,
        nodes,
      }),
    );

    // Historian replication to the DMZ mirror, business users reading reports from it.
    for (let k = 0; k < 4; k++) {
      add(`hist-push-${k}`, (c) =>
        httpsSession(c, {
          client: H.hist01,
          server: H.histMirror,
          sni: "hist-mirror.riverside.local",
          start: at(45 + k * 60),
          exchanges: [{ up: 140_000, down: 420, think: 5 * MS }],
        }),
      );
    }
    add("report", (c) =>
      httpsSession(c, {
        client: H.officePc07,
        server: H.histMirror,
        sni: "historian.riverside.local",
        start: at(50),
        exchanges: [
          { up: 620, down: 180_000, think: 2 * MS },
          { up: 540, down: 35_000, think: 4 * SECOND },
        ],
      }),
    );
    add("wsus", (c) =>
      httpSession(c, {
        client: H.hmi01,
        server: H.patch01,
        port: 8530,
        start: at(33),
        exchanges: [
          {
            request: http.request(
              "POST",
              "/ClientWebService/client.asmx",
              [
                ["Host", "patch01.riverside.local:8530"],
                ["User-Agent", "Windows-Update-Agent/10.0.10011.16384 Client-Protocol/2.50"],
                ["Content-Type", "text/xml; charset=utf-8"],
                [
                  "SOAPAction",
                  '"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/GetCookie"',
                ],
              ],
              "<soap:Envelope/>",
            ),
            response: http.response(
              200,
              "OK",
              [
                ["Content-Type", "text/xml; charset=utf-8"],
                ["Server", "Microsoft-IIS/10.0"],
              ],
              "<soap:Envelope><GetCookieResult/></soap:Envelope>",
            ),
            think: 1 * MS,
          },
        ],
      }),
    );
    add("smb", (c) =>
      smbTransfer(c, {
        client: H.officePc07,
        server: H.fileserver,
        start: at(30),
        bytes: 640_000,
        readSize: 65_536,
        // A busy file server: a few segments arrive swapped, one or two are retransmitted.
        tuning: { reorderRate: 0.01, retransmitRate: 0.004 },
      }),
    );
    add("o365", (c) =>
      httpsSession(c, {
        client: H.officePc12,
        server: H.office365,
        sni: "outlook.office365.com",
        start: at(200),
        exchanges: [{ up: 900, down: 48_000, think: 2 * MS }],
        tuning: { rtt: 18 * MS },
      }),
    );

    // Remote access: the sanctioned path (jump01 -> ews-01), SSH to the switch, and the weaknesses.
    add("rdp-jump", (c) =>
      rdpSession(c, {
        client: H.jump01,
        server: H.ews01,
        user: "r.osei",
        serverName: "ews-01",
        start: at(70),
        end: at(130),
        screenRate: 6_000,
      }),
    );
    add("rdp-jump-hmi", (c) =>
      rdpSession(c, {
        client: H.jump01,
        server: H.hmi01,
        user: "r.osei",
        serverName: "hmi-01",
        start: at(185),
        end: at(205),
        screenRate: 4_000,
      }),
    );
    add("ssh-sw", (c) =>
      sshSession(c, {
        client: H.ews01,
        server: H.swControl,
        clientSoftware: "PuTTY_Release_0.81",
        serverSoftware: "Cisco-1.25",
        start: at(35),
        commands: 4,
      }),
    );
    add("teamviewer", (c) =>
      teamViewerSession(c, { client: H.ews01, server: H.teamviewer, start: at(20), end, activeSeconds: 25 }),
    );
    add("rdp-direct", (c) =>
      rdpSession(c, {
        client: H.officePc12,
        server: H.hmi01,
        user: "opsmgr",
        serverName: "hmi-01",
        start: at(140),
        end: at(175),
        screenRate: 8_000,
      }),
    );
    add("telnet", (c) =>
      telnetLogin(c, {
        client: H.scada01,
        server: H.rtuReservoir,
        hostname: "rtu-reservoir",
        user: "admin",
        password: "Reservoir2019",
        start: at(40),
        commands: [["show version", "SEL-3505 RTAC  R151-V2  FID=SEL-3505-R151-V2-Z005003-D20230315"]],
      }),
    );
    add("ftp", (c) =>
      ftpLogin(c, {
        client: H.ews01,
        server: H.plcFilter,
        banner: "FTP server (BMX P34 2020) ready.",
        user: "USER",
        password: "USER",
        start: at(75),
      }),
    );
    add("http-basic", (c) =>
      httpSession(c, {
        client: H.ews01,
        server: H.plcDosing,
        port: 80,
        start: at(100),
        exchanges: [
          {
            request: http.request("GET", "/home.asp", [
              ["Host", "192.168.30.13"],
              [
                "User-Agent",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
              ],
              ["Authorization", http.basicAuth("administrator", "Dosing#2021")],
              ["Accept", "text/html"],
            ]),
            response: http.response(
              200,
              "OK",
              [
                ["Server", "GoAhead-Webs"],
                ["Content-Type", "text/html"],
              ],
              "<html><head><title>1769-L33ER/A LOGIX5333ER</title></head><body>Rockwell Automation</body></html>",
            ),
            think: 1 * MS,
          },
        ],
      }),
    );

    // Writes from the office (1), program downloads (3), controls (7: inside the DNP3 and IEC 104 sessions).
    add("modbus-write", (c) =>
      modbusWrite(c, {
        client: H.officePc07,
        server: H.plcFilter,
        unit: 1,
        start: at(60),
        singles: [
          [120, 450],
          [121, 1],
        ],
        block: { address: 130, values: [800, 820, 790, 805] },
      }),
    );
    add("s7-download-hmi02", (c) =>
      s7Download(c, {
        client: H.hmi02,
        server: H.plcIntake,
        start: at(90),
        identity: PLANT_IDENTITIES.plcIntake,
        stopFirst: false,
        blocks: [{ type: "DB", number: 10, size: 380 }],
      }),
    );
    add("s7-download-ews", (c) =>
      s7Download(c, {
        client: H.ews01,
        server: H.plcIntake,
        start: at(116),
        identity: PLANT_IDENTITIES.plcIntake,
        stopFirst: true,
        blocks: [
          { type: "OB", number: 1, size: 1240 },
          { type: "FC", number: 12, size: 2310 },
          { type: "DB", number: 10, size: 380 },
        ],
      }),
    );
  },
};
