/**
 * Changes made to controllers over the network, as a capture shows them: program downloads, stops, starts,
 * restarts and firmware updates (the dissectors' observations), and programming operations of protocols that
 * report no observation of their own (Modbus/UMAS, DNP3 file transfer, ...). Each names the station that made
 * it, where the capture proves it, and when.
 */
import type { ObservationKind } from "../model/capture.js";
import { type CaptureParties, isController, type Party, type When } from "./capture-parties.js";

export const CHANGE_KINDS: readonly ObservationKind[] = [
  "program-download",
  "controller-stop",
  "controller-start",
  "controller-restart",
  "firmware-update",
];

export interface ControllerChange {
  controller: Party;
  station: Party | null;
  /** An observation kind, or `program` for a programming operation seen only as an operation. */
  kind: ObservationKind | "program";
  protocol: string;
  detail: string;
  file: string;
  frame: number;
  when: When | null;
}

/** Operations of the program category that only read the controller. */
const READS_PROGRAM = /upload|get-file-info|read/i;

export function controllerChanges(parties: CaptureParties): ControllerChange[] {
  const changes: ControllerChange[] = [];
  const observed = new Set<string>();
  for (const o of parties.capture.observations) {
    if (!CHANGE_KINDS.includes(o.kind)) continue;
    const controller = parties.ofObserved(o.asset);
    if (!controller || !isController(controller)) continue;
    const ends = parties.ends(o);
    const station = ends ? (ends.client.ip === controller.ip ? ends.server : ends.client) : null;
    if (station) observed.add(`${o.protocol}\u0000${station.ip}\u0000${controller.ip}`);
    changes.push({
      controller,
      station,
      kind: o.kind,
      protocol: o.protocol,
      detail: o.detail,
      file: o.file,
      frame: o.frame,
      when: parties.when(o),
    });
  }
  for (const op of parties.capture.operations) {
    if (op.category !== "program" || READS_PROGRAM.test(op.name)) continue;
    const controller = parties.party(op.server);
    const station = parties.party(op.client);
    // S7 has the controller request the blocks it is being sent: that direction is the same download again.
    if (!isController(controller) || isController(station)) continue;
    if (observed.has(`${op.protocol}\u0000${station.ip}\u0000${controller.ip}`)) continue;
    changes.push({
      controller,
      station,
      kind: "program",
      protocol: op.protocol,
      detail: `${op.protocol} ${op.name}${op.count > 1 ? ` (${op.count} times)` : ""}`,
      file: op.file,
      frame: op.firstFrame,
      when: parties.earliestBetween(op.client, op.server, op.protocol),
    });
  }
  return changes.sort((a, b) => a.file.localeCompare(b.file) || a.frame - b.frame);
}

/** Changes that alter what the controller runs (its program or firmware), as opposed to its run state. */
export function altersProgram(c: ControllerChange): boolean {
  return c.kind === "program-download" || c.kind === "program" || c.kind === "firmware-update";
}
