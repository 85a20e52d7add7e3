/**
 * The host population of the benchmark plant: about 580 hosts over enterprise, DMZ, supervisory and ten
 * control-area VLANs plus internet servers, with vendor OUIs per device kind. Generated from the seed.
 */
import { makeHost, type SynthHost } from "../network.js";
import type { Prng } from "../prng.js";

const ROUTER = "00:09:0f:aa:00:01";

export interface ControlArea {
  vlan: number;
  subnet: string;
  switch: SynthHost;
  s7: SynthHost[];
  modbus: SynthHost[];
  enip: SynthHost[];
  dnp3: SynthHost;
  iec104: SynthHost;
  bacnet: SynthHost;
  io: SynthHost[];
}

export interface BenchHosts {
  pcs: SynthHost[];
  dns: SynthHost[];
  fileServers: SynthHost[];
  proxy: SynthHost;
  dmz: SynthHost[];
  scada: SynthHost[];
  hmis: SynthHost[];
  ews: SynthHost[];
  monitor: SynthHost;
  areas: ControlArea[];
  internet: { host: SynthHost; name: string }[];
}

function mac(oui: string, a: number, b: number, c: number): string {
  const hex = (n: number) => (n & 0xff).toString(16).padStart(2, "0");
  return `${oui}:${hex(a)}:${hex(b)}:${hex(c)}`;
}

const PC_OUIS = ["f4:8e:38", "d4:be:d9", "3c:d9:2b", "b8:af:67", "6c:2b:59", "9c:8e:99"];
const SERVER_OUIS = ["b0:83:fe", "e4:43:4b", "00:15:5d"];
const SITES = [
  "microsoft.com",
  "office365.com",
  "windowsupdate.com",
  "sharepoint.com",
  "google.com",
  "gstatic.com",
  "akamaized.net",
  "cloudfront.net",
  "github.com",
  "salesforce.com",
  "zoom.us",
  "siemens.com",
  "se.com",
  "rockwellautomation.com",
  "aveva.com",
  "linkedin.com",
  "bbc.co.uk",
  "weather.com",
];
const PREFIXES = ["subdomain", "www", "api", "cdn", "login", "static", "portal", "download"];

export function benchHosts(rng: Prng): BenchHosts {
  let ipId = 1;
  const host = (name: string, m: string, ip: string, vlan: number, ttl: number) => {
    ipId += 7919;
    return makeHost({ name, mac: m, ip, vlan, gateway: ROUTER, ttl }, ipId);
  };

  const pcs: SynthHost[] = [];
  for (let v = 0; v < 4; v++) {
    for (let i = 0; i < 60; i++) {
      pcs.push(
        host(
          `pc-${v}-${i}`,
          mac(rng.pick(PC_OUIS), 0x10 + v, i >> 8, i + 20),
          `10.20.${10 + v}.${20 + i}`,
          110 + v,
          128,
        ),
      );
    }
  }
  const srv = (name: string, last: number) =>
    host(name, mac(rng.pick(SERVER_OUIS), 0x20, 0, last), `10.20.0.${last}`, 100, 128);
  const dns = [srv("dc1", 2), srv("dc2", 3)];
  const fileServers = [srv("file1", 10), srv("file2", 11), srv("file3", 12)];
  const proxy = srv("proxy", 20);
  const dmz = [0, 1, 2, 3].map((i) =>
    host(`dmz-${i}`, mac("00:15:5d", 0x50, 0, i + 10), `172.20.50.${10 + i}`, 150, 128),
  );
  const sup = (name: string, last: number) =>
    host(name, mac(rng.pick(SERVER_OUIS), 0x40, 0, last), `192.168.200.${last}`, 200, 128);
  const scada = [0, 1, 2, 3].map((i) => sup(`scada-${i}`, 10 + i));
  const hmis = Array.from({ length: 12 }, (_, i) => sup(`hmi-${i}`, 30 + i));
  const ews = [0, 1, 2].map((i) => sup(`ews-${i}`, 60 + i));
  const monitor = sup("nms", 80);

  const areas: ControlArea[] = [];
  for (let a = 0; a < 10; a++) {
    const vlan = 301 + a;
    const net = `192.168.${31 + a}`;
    const dev = (name: string, oui: string, last: number, ttl = 64) =>
      host(`${name}-${a}`, mac(oui, 0x30 + a, 0, last), `${net}.${last}`, vlan, ttl);
    areas.push({
      vlan,
      subnet: net,
      switch: dev("sw", "00:a7:42", 2, 255),
      s7: [0, 1, 2, 3].map((i) => dev(`s7-${i}`, i % 2 ? "28:63:36" : "00:1b:1b", 10 + i, 30)),
      modbus: [0, 1, 2, 3].map((i) => dev(`m340-${i}`, "00:80:f4", 20 + i)),
      enip: [0, 1, 2].map((i) => dev(`logix-${i}`, "00:00:bc", 30 + i)),
      dnp3: dev("rtu-dnp3", "00:30:a7", 40),
      iec104: dev("rtu-104", "00:12:93", 41),
      bacnet: dev("bms", "00:10:8d", 42),
      io: [0, 1, 2, 3].map((i) => dev(`io-${i}`, "28:63:36", 50 + i)),
    });
  }

  const internet: { host: SynthHost; name: string }[] = [];
  for (let i = 0; i < 120; i++) {
    const ip = `${rng.pick([13, 20, 23, 34, 40, 52, 104, 142, 151, 172, 185])}.${rng.between(1, 254)}.${rng.between(0, 255)}.${rng.between(1, 254)}`;
    const name = `${rng.pick(PREFIXES)}${i}.${rng.pick(SITES)}`;
    internet.push({
      host: makeHost({
        name,
        mac: ROUTER,
        ip,
        vlan: 0,
        gateway: ROUTER,
        ttl: rng.pick([64, 128, 255]),
        remote: true,
      }),
      name,
    });
  }
  return { pcs, dns, fileServers, proxy, dmz, scada, hmis, ews, monitor, areas, internet };
}
