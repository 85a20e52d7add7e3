/** The insecure-architecture (ARCH-0xx) and segmentation (SEG-0xx) checks, in id order. */
import type { Rule } from "../rule.js";
import {
  conduitPermitsMore,
  flowOutsideConduit,
  flowWithoutConduit,
  reachableWithoutConduit,
} from "./segmentation-rules.js";
import { controllerExposed, directItToOt, flatNetwork, noDmz } from "./structure-rules.js";
import { cleartextCredentials, unauthenticatedAcrossZones, unmonitoredRemoteSession } from "./wire-rules.js";

export const ARCHITECTURE_RULES: readonly Rule[] = [
  flatNetwork,
  directItToOt,
  noDmz,
  unauthenticatedAcrossZones,
  unmonitoredRemoteSession,
  controllerExposed,
  cleartextCredentials,
  reachableWithoutConduit,
  conduitPermitsMore,
  flowWithoutConduit,
  flowOutsideConduit,
];
