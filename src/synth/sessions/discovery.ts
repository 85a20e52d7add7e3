/** Layer-2 chatter: LLDP and CDP adverts, PROFINET DCP identify, ARP. */
import { ETHERTYPE_ARP, ETHERTYPE_LLDP, ETHERTYPE_PROFINET, etherFrame, snapFrame } from "../frames.js";
import { BROADCAST_MAC, type SynthHost } from "../network.js";
import { arp } from "../protocols/arp.js";
import { CDP_MULTICAST, CDP_PID, type CdpInfo, CISCO_OUI, cdpPdu } from "../protocols/cdp.js";
import { LLDP_MULTICAST, type LldpInfo, lldpdu } from "../protocols/lldp.js";
import {
  DCP_MULTICAST,
  type DcpDevice,
  identifyAllRequest,
  identifyResponse,
} from "../protocols/profinet-dcp.js";
import type { Emitted } from "../timeline.js";
import { MS, type SynthContext } from "./context.js";

/** Periodic adverts from `from` (LLDP every 30 s by default, CDP every 60 s). */
export function* lldpAdverts(
  ctx: SynthContext,
  from: SynthHost,
  info: LldpInfo,
  start: number,
  end: number,
  period: number,
) {
  const pdu = lldpdu(info);
  for (let t = start; t < end; t += ctx.rng.jitter(period, 0.02)) {
    yield {
      at: t,
      frame: etherFrame(ctx.net.local(from, LLDP_MULTICAST), ETHERTYPE_LLDP, pdu),
    } satisfies Emitted;
  }
}

export function* cdpAdverts(
  ctx: SynthContext,
  from: SynthHost,
  info: CdpInfo,
  start: number,
  end: number,
  period: number,
) {
  const pdu = cdpPdu(info);
  for (let t = start; t < end; t += ctx.rng.jitter(period, 0.02)) {
    yield {
      at: t,
      frame: snapFrame(ctx.net.local(from, CDP_MULTICAST), CISCO_OUI, CDP_PID, pdu),
    } satisfies Emitted;
  }
}

/** An IO controller's Identify All and each IO device's answer, sent after its response delay. */
export function* dcpIdentify(
  ctx: SynthContext,
  at: number,
  controller: SynthHost,
  devices: readonly { host: SynthHost; info: DcpDevice }[],
): Generator<Emitted> {
  const xid = ctx.rng.next();
  yield {
    at,
    frame: etherFrame(ctx.net.local(controller, DCP_MULTICAST), ETHERTYPE_PROFINET, identifyAllRequest(xid)),
  };
  let t = at;
  for (const d of devices) {
    t += ctx.rng.between(1 * MS, 60 * MS);
    const l2 = ctx.net.local(d.host, controller.mac);
    yield { at: t, frame: etherFrame(l2, ETHERTYPE_PROFINET, identifyResponse(xid, d.info)) };
  }
}

/** `asker` resolves `target`'s address on their shared segment. */
export function* arpResolve(
  ctx: SynthContext,
  at: number,
  asker: SynthHost,
  askerIp: number,
  target: SynthHost,
): Generator<Emitted> {
  const zero = new Uint8Array(6);
  yield {
    at,
    frame: etherFrame(
      ctx.net.local(asker, BROADCAST_MAC),
      ETHERTYPE_ARP,
      arp(1, asker.mac, askerIp, zero, target.ip),
    ),
  };
  yield {
    at: at + ctx.rng.between(100, 2000),
    frame: etherFrame(
      ctx.net.local(target, asker.mac),
      ETHERTYPE_ARP,
      arp(2, target.mac, target.ip, asker.mac, askerIp),
    ),
  };
}
