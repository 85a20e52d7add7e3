/**
 * The Riverside Water Treatment Works hosts (examples/water-treatment/plant.yaml): addresses and VLANs from
 * the addressing plan, MACs with the real vendor OUIs, TTLs of each stack.
 */
import { makeHost, type SynthHost } from "../network.js";

const FW = "00:09:0f:09:0a:01"; // FortiGate 100F: the same MAC on every VLAN interface

const h = (name: string, mac: string, ip: string, vlan: number, ttl: number, ipId: number) =>
  makeHost({ name, mac, ip, vlan, gateway: FW, ttl }, ipId);

export function plantHosts() {
  return {
    // Enterprise, VLAN 10
    dc01: h("dc01", "d4:be:d9:10:10:02", "10.10.10.2", 10, 128, 0x2c41),
    fileserver: h("fileserver", "d4:be:d9:10:10:05", "10.10.10.5", 10, 128, 0x5a10),
    officePc07: h("office-pc-07", "f4:8e:38:10:10:21", "10.10.10.21", 10, 128, 0x0b33),
    officePc12: h("office-pc-12", "3c:d9:2b:10:10:32", "10.10.10.32", 10, 128, 0x7e02),
    // Industrial DMZ, VLAN 50
    histMirror: h("hist-mirror", "e4:43:4b:50:00:10", "172.16.50.10", 50, 128, 0x1d90),
    jump01: h("jump01", "00:15:5d:50:00:20", "172.16.50.20", 50, 128, 0x6621),
    patch01: h("patch01", "00:15:5d:50:00:30", "172.16.50.30", 50, 128, 0x3fe0),
    // Supervisory, VLAN 20
    scada01: h("scada01", "b0:83:fe:20:00:10", "192.168.20.10", 20, 128, 0x4410),
    hmi01: h("hmi-01", "f4:ce:46:20:00:21", "192.168.20.21", 20, 128, 0x1221),
    hmi02: h("hmi-02", "f4:ce:46:20:00:22", "192.168.20.22", 20, 128, 0x1822),
    ews01: h("ews-01", "d8:9e:f3:20:00:30", "192.168.20.30", 20, 128, 0x0930),
    hist01: h("hist01", "b0:83:fe:20:00:40", "192.168.20.40", 20, 128, 0x5540),
    fwSupervisory: h("fw-ot", FW, "192.168.20.1", 20, 255, 0x0001),
    // Control, VLAN 30
    fwControl: h("fw-ot", FW, "192.168.30.1", 30, 255, 0x0101),
    swControl: h("sw-control", "00:a7:42:30:00:02", "192.168.30.2", 30, 255, 0x0002),
    plcIntake: h("plc-intake", "00:1b:1b:30:00:11", "192.168.30.11", 30, 30, 0x0011),
    plcFilter: h("plc-filter", "00:80:f4:30:00:12", "192.168.30.12", 30, 64, 0x0012),
    plcDosing: h("plc-dosing", "00:00:bc:30:00:13", "192.168.30.13", 30, 64, 0x0013),
    rtuReservoir: h("rtu-reservoir", "00:30:a7:30:00:20", "192.168.30.20", 30, 64, 0x0020),
    rtuPumpstation: h("rtu-pumpstation", "00:12:93:30:00:21", "192.168.30.21", 30, 64, 0x0021),
    bmsCtrl: h("bms-ctrl", "00:10:8d:30:00:40", "192.168.30.40", 30, 64, 0x0040),
    ioIntake1: h("et200sp-intake-1", "28:63:36:30:00:51", "192.168.30.51", 30, 64, 0x0051),
    ioIntake2: h("et200sp-intake-2", "28:63:36:30:00:52", "192.168.30.52", 30, 64, 0x0052),
    // Safety, VLAN 40
    sis01: h("sis-01", "28:63:36:40:00:10", "192.168.40.10", 40, 30, 0x4010),
    // Internet, seen through the firewall
    teamviewer: makeHost({
      name: "teamviewer-router",
      mac: FW,
      ip: "37.252.227.51",
      vlan: 0,
      gateway: FW,
      ttl: 64,
      remote: true,
    }),
    office365: makeHost({
      name: "outlook.office365.com",
      mac: FW,
      ip: "52.97.146.162",
      vlan: 0,
      gateway: FW,
      ttl: 128,
      remote: true,
    }),
  } satisfies Record<string, SynthHost>;
}

export type PlantHosts = ReturnType<typeof plantHosts>;
