/** Network services every plant has: DNS lookups, DHCP leases, NTP sync and SNMP polling. */
import type { SynthHost } from "../network.js";
import * as dhcp from "../protocols/dhcp.js";
import * as dns from "../protocols/dns.js";
import { ntpReply, ntpRequest } from "../protocols/ntp.js";
import * as snmp from "../protocols/snmp.js";
import type { Emitted } from "../timeline.js";
import { ephemeralPort, MS, type SynthContext, udp, udpBroadcast } from "./context.js";

/** One A lookup and its answer (no addresses: NXDOMAIN). */
export function* dnsLookup(
  ctx: SynthContext,
  at: number,
  client: SynthHost,
  server: SynthHost,
  name: string,
  addresses: readonly number[],
): Generator<Emitted> {
  const port = ephemeralPort(client);
  const id = ctx.rng.int(0x10000);
  yield udp(ctx, at, client, port, server, 53, dns.query(id, name));
  yield udp(
    ctx,
    at + ctx.rng.between(300, 25 * MS),
    server,
    53,
    client,
    port,
    dns.answer(id, name, addresses),
  );
}

/** A full DISCOVER / OFFER / REQUEST / ACK exchange with a server on the client's segment. */
export function* dhcpLease(
  ctx: SynthContext,
  at: number,
  client: SynthHost,
  server: SynthHost,
  hostname: string,
  vendorClass: string,
  domain: string,
): Generator<Emitted> {
  const xid = ctx.rng.next();
  const common = { xid, mac: client.mac, hostname, vendorClass };
  const reply = {
    xid,
    mac: client.mac,
    yourIp: client.ip,
    serverIp: server.ip,
    router: (client.ip & 0xffffff00) | 1,
    dns: server.ip,
    domain,
  };
  let t = at;
  yield udpBroadcast(
    ctx,
    t,
    client,
    0,
    0xffffffff,
    68,
    67,
    dhcp.dhcpMessage({ ...common, type: dhcp.DISCOVER }),
  );
  t += ctx.rng.between(1 * MS, 5 * MS);
  yield udp(ctx, t, server, 67, client, 68, dhcp.dhcpMessage({ ...reply, type: dhcp.OFFER }));
  t += ctx.rng.between(1 * MS, 10 * MS);
  yield udpBroadcast(
    ctx,
    t,
    client,
    0,
    0xffffffff,
    68,
    67,
    dhcp.dhcpMessage({ ...common, type: dhcp.REQUEST, requestedIp: client.ip }),
  );
  t += ctx.rng.between(1 * MS, 5 * MS);
  yield udp(ctx, t, server, 67, client, 68, dhcp.dhcpMessage({ ...reply, type: dhcp.ACK }));
}

export function* ntpSync(
  ctx: SynthContext,
  client: SynthHost,
  server: SynthHost,
  start: number,
  end: number,
  period: number,
) {
  for (let t = start; t < end; t += ctx.rng.jitter(period, 0.05)) {
    const reply = t + ctx.rng.between(200, 3 * MS);
    yield udp(ctx, t, client, 123, server, 123, ntpRequest(t));
    yield udp(ctx, reply, server, 123, client, 123, ntpReply(t, reply - 100, reply - 40, 0x0a0a0a02));
  }
}

/** SNMPv2c GETs of the system group with `community`. */
export function* snmpPoll(
  ctx: SynthContext,
  manager: SynthHost,
  agent: SynthHost,
  community: string,
  info: { descr: string; name: string },
  start: number,
  end: number,
  period: number,
): Generator<Emitted> {
  const port = ephemeralPort(manager);
  let requestId = ctx.rng.between(1000, 100000);
  for (let t = start; t < end; t += ctx.rng.jitter(period, 0.02)) {
    requestId++;
    const oids = [snmp.SYS_DESCR, snmp.SYS_UPTIME, snmp.SYS_NAME];
    yield udp(ctx, t, manager, port, agent, 161, snmp.getRequest(community, requestId, oids));
    const uptime = 371_234_500 + Math.floor((t - start) / 10_000);
    yield udp(
      ctx,
      t + ctx.rng.between(1 * MS, 6 * MS),
      agent,
      161,
      manager,
      port,
      snmp.getResponse(community, requestId, [
        [snmp.SYS_DESCR, { string: info.descr }],
        [snmp.SYS_UPTIME, { ticks: uptime }],
        [snmp.SYS_NAME, { string: info.name }],
      ]),
    );
  }
}
