/**
 * The benchmark plant: ~580 hosts, SCADA servers polling ~150 controllers over Modbus/TCP, S7comm,
 * EtherNet/IP, DNP3, IEC 104 and BACnet/IP, HMIs on OPC UA, and much more IT traffic (web over TLS, SMB
 * file reads, DNS, RDP, SSH, SNMP, NTP, LLDP/CDP) whose bulk transfers set the packet size mix. It runs
 * until the requested size is reached: polling loops never end, office users keep starting sessions.
 */
import { parseIp } from "../network.js";
import * as bac from "../protocols/bacnet.js";
import { CIP_DINT, CIP_REAL } from "../protocols/enip.js";
import * as http from "../protocols/http.js";
import * as mb from "../protocols/modbus.js";
import * as s7 from "../protocols/s7comm.js";
import { bacnetSession } from "../sessions/bacnet.js";
import { forked, MS, SECOND, type SynthContext } from "../sessions/context.js";
import { cdpAdverts, dcpIdentify, lldpAdverts } from "../sessions/discovery.js";
import { dnp3Poll } from "../sessions/dnp3.js";
import { enipPoll } from "../sessions/enip.js";
import { smbTransfer } from "../sessions/file-transfer.js";
import { iec104Session } from "../sessions/iec104.js";
import { dnsLookup, ntpSync, snmpPoll } from "../sessions/infrastructure.js";
import { modbusPoll } from "../sessions/modbus.js";
import { opcUaSession } from "../sessions/opcua.js";
import { rdpSession, sshSession } from "../sessions/remote-access.js";
import { s7Poll } from "../sessions/s7comm.js";
import { httpSession, httpsSession } from "../sessions/web.js";
import type { Activity, Emitted } from "../timeline.js";
import { type BenchHosts, benchHosts } from "./bench-hosts.js";
import { CAPTURE_EPOCH, type Scenario } from "./scenario.js";

const FOREVER = Number.POSITIVE_INFINITY;

type Add = (label: string, make: (ctx: SynthContext) => Activity) => void;

function addControlPolling(add: Add, H: BenchHosts, at: (s: number) => number): void {
  H.areas.forEach((area, a) => {
    const scada = H.scada[a % H.scada.length];
    const s = 0.05 + a * 0.25;
    area.s7.forEach((plc, i) => {
      add(`s7-${a}-${i}`, (c) =>
        s7Poll(c, {
          client: scada,
          server: plc,
          start: at(s + i * 0.03),
          end: FOREVER,
          period: 500 * MS,
          identity: {
            orderNumber: i % 2 ? "6ES7 516-3AN02-0AB0" : "6ES7 214-1AG40-0XB0",
            firmware: i % 2 ? [2, 9, 4] : [4, 5, 2],
          },
          items: [{ area: s7.AREA_DB, db: 1 + i, start: 0, count: 6, transport: s7.TS_REAL }],
          writeEvery: 100,
        }),
      );
    });
    area.modbus.forEach((plc, i) => {
      add(`mb-${a}-${i}`, (c) =>
        modbusPoll(c, {
          client: scada,
          server: plc,
          unit: 1,
          start: at(s + 0.12 + i * 0.03),
          end: FOREVER,
          period: 250 * MS,
          reads: [
            { fc: mb.FC_READ_HOLDING, address: 0, quantity: 40 },
            { fc: mb.FC_READ_INPUT, address: 0, quantity: 16 },
          ],
          identity: { vendor: "Schneider Electric", product: "BMX P34 2020", revision: "v3.10" },
          badReadEvery: 200,
        }),
      );
    });
    area.enip.forEach((plc, i) => {
      add(`enip-${a}-${i}`, (c) =>
        enipPoll(c, {
          client: scada,
          server: plc,
          start: at(s + 0.24 + i * 0.03),
          end: FOREVER,
          period: 1 * SECOND,
          identity: {
            vendorId: 1,
            deviceType: 14,
            productCode: 108,
            revision: [33, 11],
            serial: 0x60000000 + a * 16 + i,
            productName: "1769-L33ER/A LOGIX5333ER",
            ip: plc.ip,
          },
          tags: [
            { name: `Area${a}_Flow`, type: CIP_REAL },
            { name: `Area${a}_Status`, type: CIP_DINT },
          ],
          writeTag: { name: `Area${a}_Setpoint`, type: CIP_REAL, every: 90 },
        }),
      );
    });
    add(`dnp3-${a}`, (c) =>
      dnp3Poll(c, {
        master: scada,
        outstation: area.dnp3,
        masterAddress: 1,
        outstationAddress: 100 + a,
        start: at(s + 0.33),
        end: FOREVER,
        period: 2 * SECOND,
        controls: [{ at: at(30 + a * 7), index: a }],
      }),
    );
    add(`iec104-${a}`, (c) =>
      iec104Session(c, {
        master: scada,
        rtu: area.iec104,
        commonAddress: 200 + a,
        start: at(s + 0.36),
        end: FOREVER,
        spontaneousEvery: 1 * SECOND,
        commands: [{ at: at(40 + a * 5), ioa: 3001, on: a % 2 === 0 }],
      }),
    );
    add(`bacnet-${a}`, (c) =>
      bacnetSession(c, {
        client: scada,
        device: area.bacnet,
        broadcastIp: parseIp(`${area.subnet}.255`),
        instance: 4000 + a,
        vendorId: 5,
        start: at(s + 0.38),
        end: FOREVER,
        period: 5 * SECOND,
        objects: [
          { type: bac.OBJECT_ANALOG_INPUT, instance: 1 },
          { type: bac.OBJECT_BINARY_INPUT, instance: 1 },
        ],
      }),
    );
    add(`lldp-${a}`, (c) =>
      lldpAdverts(
        c,
        area.switch,
        {
          chassisMac: area.switch.mac,
          portId: "Gi1/1",
          portDescription: "GigabitEthernet1/1",
          systemName: area.switch.name,
          systemDescription: "Cisco IOS Software, IE3x00 Software, Version 17.9.4a",
          capabilities: 0x04,
          managementIp: area.switch.ip,
        },
        at(a * 0.7),
        FOREVER,
        30 * SECOND,
      ),
    );
    add(`cdp-${a}`, (c) =>
      cdpAdverts(
        c,
        area.switch,
        {
          deviceId: area.switch.name,
          softwareVersion: "Cisco IOS Software, IE3x00 Software (IE3x00-UNIVERSALK9-M), Version 17.9.4a",
          platform: "cisco IE-3300-8T2S",
          portId: "GigabitEthernet1/1",
          ip: area.switch.ip,
          nativeVlan: area.vlan,
        },
        at(a * 0.9),
        FOREVER,
        60 * SECOND,
      ),
    );
    add(`dcp-${a}`, (c) =>
      dcpIdentify(
        c,
        at(3 + a),
        area.s7[0],
        area.io.map((io, i) => ({
          host: io,
          info: {
            typeOfStation: "ET200SP",
            nameOfStation: `et200sp-${a}-${i}`,
            vendorId: 0x002a,
            deviceId: 0x0313,
            ip: io.ip,
            mask: 0xffffff00,
            gateway: io.ip,
          },
        })),
      ),
    );
    add(`snmp-${a}`, (c) =>
      snmpPoll(
        c,
        H.monitor,
        area.switch,
        a % 3 === 0 ? "public" : "n3tw0rk-RO",
        { descr: "Cisco IOS Software, IE3x00", name: area.switch.name },
        at(1 + a),
        FOREVER,
        30 * SECOND,
      ),
    );
  });
  H.hmis.forEach((hmi, i) => {
    add(`opcua-${i}`, (c) =>
      opcUaSession(c, {
        client: hmi,
        server: H.scada[i % H.scada.length],
        endpoint: `opc.tcp://${H.scada[i % H.scada.length].name}:4840`,
        start: at(0.5 + i * 0.1),
        end: FOREVER,
        period: 1 * SECOND,
        secure: i % 4 !== 0,
        nodes: ["Plant.Flow", "Plant.Pressure", "Plant.Level"],
      }),
    );
    add(`ntp-${i}`, (c) => ntpSync(c, hmi, H.scada[0], at(2 + i * 0.5), FOREVER, 64 * SECOND));
  });
}

/** One office PC: every so often the user opens something (web, a file share, the intranet). */
function* officeUser(ctx: SynthContext, H: BenchHosts, pcIndex: number, start: number): Generator<Emitted> {
  const pc = H.pcs[pcIndex];
  const dns = H.dns[pcIndex % H.dns.length];
  let t = start;
  let n = 0;
  for (;;) {
    t += Math.round(ctx.rng.exp(40 * SECOND));
    yield { at: t, frame: null };
    const label = `${pc.name}-${n++}`;
    const child = forked(ctx, label);
    const roll = ctx.rng.float();
    if (roll < 0.72) {
      const site = ctx.rng.pick(H.internet);
      ctx.timeline.add(dnsLookup(forked(ctx, `${label}-dns`), t, pc, dns, site.name, [site.host.ip]));
      const big = ctx.rng.chance(0.04);
      const down = big ? ctx.rng.between(1_000_000, 8_000_000) : 2000 + Math.round(ctx.rng.exp(60_000));
      const requests = big ? 1 : ctx.rng.between(1, 4);
      ctx.timeline.add(
        httpsSession(child, {
          client: pc,
          server: site.host,
          sni: site.name,
          start: t + 30 * MS,
          exchanges: Array.from({ length: requests }, (_, k) => ({
            up: ctx.rng.between(300, 1800),
            down: Math.round(down / requests),
            think: k === 0 ? 1 * MS : ctx.rng.between(200 * MS, 3 * SECOND),
          })),
          tuning: { rtt: ctx.rng.between(8 * MS, 60 * MS), segmentGap: 60 },
        }),
      );
    } else if (roll < 0.92) {
      const server = ctx.rng.pick(H.fileServers);
      ctx.timeline.add(
        smbTransfer(child, {
          client: pc,
          server,
          start: t,
          bytes: 4096 + Math.round(ctx.rng.exp(400_000)),
          readSize: 65_536,
        }),
      );
    } else {
      const site = ctx.rng.pick(H.internet);
      const body = "x".repeat(ctx.rng.between(200, 12_000));
      ctx.timeline.add(
        httpSession(child, {
          client: pc,
          server: H.proxy,
          port: 8080,
          start: t,
          exchanges: [
            {
              request: http.request("GET", `http://${site.name}/status`, [
                ["Host", site.name],
                ["User-Agent", "Microsoft-CryptoAPI/10.0"],
                ["Accept", "*/*"],
              ]),
              response: http.response(
                200,
                "OK",
                [
                  ["Content-Type", "text/plain"],
                  ["Via", "1.1 proxy"],
                ],
                body,
              ),
              think: 1 * MS,
            },
          ],
        }),
      );
    }
  }
}

/** Engineers and administrators: RDP through the DMZ jump hosts, SSH to switches. */
function* administrators(ctx: SynthContext, H: BenchHosts, start: number): Generator<Emitted> {
  let t = start;
  let n = 0;
  for (;;) {
    t += Math.round(ctx.rng.exp(8 * SECOND));
    yield { at: t, frame: null };
    const child = forked(ctx, `admin-${n++}`);
    if (ctx.rng.chance(0.6)) {
      const target = ctx.rng.chance(0.5) ? ctx.rng.pick(H.ews) : ctx.rng.pick(H.hmis);
      ctx.timeline.add(
        rdpSession(child, {
          client: ctx.rng.pick(H.dmz),
          server: target,
          user: `eng${ctx.rng.between(1, 9)}`,
          serverName: target.name,
          start: t,
          end: t + ctx.rng.between(10, 90) * SECOND,
          screenRate: 30_000,
        }),
      );
    } else {
      const area = ctx.rng.pick(H.areas);
      ctx.timeline.add(
        sshSession(child, {
          client: ctx.rng.pick(H.ews),
          server: area.switch,
          clientSoftware: "PuTTY_Release_0.81",
          serverSoftware: "Cisco-1.25",
          start: t,
          commands: ctx.rng.between(2, 8),
        }),
      );
    }
  }
}

export const benchScenario: Scenario = {
  tagged: true,
  build(root: SynthContext): void {
    const H = benchHosts(root.rng.fork("hosts"));
    const at = (s: number) => CAPTURE_EPOCH + Math.round(s * SECOND);
    const add: Add = (label, make) => root.timeline.add(make(forked(root, label)));
    addControlPolling(add, H, at);
    H.pcs.forEach((_, i) => {
      add(`user-${i}`, (c) => officeUser(c, H, i, at(i * 0.02)));
    });
    add("admins", (c) => administrators(c, H, at(1)));
  },
};
