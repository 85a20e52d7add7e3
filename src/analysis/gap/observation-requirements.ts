/**
 * Which security observations of a capture bear on which 62443-3-3 requirements, and why. An observation is about
 * one host (`about`); the zone it bears on is that host's zone.
 */
import type { ObservationKind } from "../../model/capture.js";
import type { LocatedHost } from "./capture-hosts.js";

export interface ObservedParties {
  about: LocatedHost;
  /** The ends of the flow it was seen on, when it was seen on an IP flow. */
  client: LocatedHost | undefined;
  server: LocatedHost | undefined;
}

export interface ObservationRule {
  requirements: readonly string[];
  stance: "contradicts" | "supports";
  /** Why the observation bears on them, for the assessor. */
  why: string;
  /** When only some observations of the kind bear on them. */
  applies?(p: ObservedParties): boolean;
}

const isJumpHost = (h: LocatedHost | undefined) => h?.asset?.role === "jump-host";

/**
 * A session crosses an untrusted network when one end lies outside every zone (the internet, a vendor) or when it
 * runs from the enterprise network (Purdue 4 and up) straight into a zone below the DMZ. Sessions between control
 * zones (an engineer's Telnet to an RTU) are use control matters, not SR 1.13.
 */
function fromUntrusted(p: ObservedParties): boolean {
  if (!p.client || !p.server) return false;
  if (!p.client.zone || !p.server.zone) return true;
  return p.client.zone.purdueLevel >= 4 && p.server.zone.purdueLevel < 3.5;
}

export const OBSERVATION_RULES: Partial<Record<ObservationKind, ObservationRule>> = {
  "cleartext-credentials": {
    requirements: ["SR 1.5", "SR 4.1"],
    stance: "contradicts",
    why: "credentials cross the network in the clear",
  },
  "default-credentials": {
    requirements: ["SR 1.5"],
    stance: "contradicts",
    why: "a vendor default credential is in use",
  },
  "snmp-community": {
    requirements: ["SR 1.5"],
    stance: "contradicts",
    why: "an SNMP community, a shared secret, crosses the network in the clear",
  },
  "insecure-channel": {
    requirements: ["SR 3.1 RE 1", "SR 3.8"],
    stance: "contradicts",
    why: "the session runs without integrity protection",
  },
  "unauthenticated-control": {
    requirements: ["SR 1.2"],
    stance: "contradicts",
    why: "the device acts on control commands from a peer that did not authenticate",
  },
  "secure-authentication": {
    requirements: ["SR 1.2"],
    stance: "supports",
    why: "the protocol authenticates its peers",
  },
  "remote-access": {
    requirements: ["SR 1.13"],
    stance: "contradicts",
    why: "a remote-access session from an untrusted network that does not pass the jump host",
    applies: (p) => !isJumpHost(p.client) && !isJumpHost(p.server) && fromUntrusted(p),
  },
  "internet-access": {
    requirements: ["SR 5.1"],
    stance: "contradicts",
    why: "a control-system host talks to the internet",
    // The enterprise network and the DMZ are expected to reach the internet; zones below them are not.
    applies: (p) => p.about.zone !== undefined && p.about.zone.purdueLevel < 3.5,
  },
  "program-download": {
    requirements: ["SR 2.1"],
    stance: "contradicts",
    why: "a program was downloaded from a station that is not a declared engineering workstation",
    applies: (p) => p.client?.asset?.role !== "ews",
  },
  "controller-stop": {
    requirements: ["SR 2.1"],
    stance: "contradicts",
    why: "a controller was stopped from a station that is not a declared engineering workstation",
    applies: (p) => p.client?.asset?.role !== "ews",
  },
  "firmware-update": {
    requirements: ["SR 2.1"],
    stance: "contradicts",
    why: "firmware was loaded from a station that is not a declared engineering workstation",
    applies: (p) => p.client?.asset?.role !== "ews",
  },
};
