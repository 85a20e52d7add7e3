/**
 * BACnet names (ASHRAE 135 service choices, BACnet vendor identifiers) and the category of each service.
 * Operation codes: a confirmed service is counted under its service choice (0-255), an unconfirmed one under
 * 0x100 + choice (so i-Am is 0x100 and who-Is 0x108) and a BVLC management function under 0x200 + function.
 */
import type { OperationCategory } from "../../model/capture.js";

export const UNCONFIRMED_BASE = 0x100;
export const BVLC_BASE = 0x200;

export interface ServiceName {
  name: string;
  category: OperationCategory;
}

function s(name: string, category: OperationCategory): ServiceName {
  return { name, category };
}

/** Confirmed service choices, indexed by choice. */
const CONFIRMED: readonly ServiceName[] = [
  s("acknowledgeAlarm", "write"),
  s("confirmedCOVNotification", "read"),
  s("confirmedEventNotification", "read"),
  s("getAlarmSummary", "read"),
  s("getEnrollmentSummary", "read"),
  s("subscribeCOV", "read"),
  s("atomicReadFile", "read"),
  s("atomicWriteFile", "program"),
  s("addListElement", "write"),
  s("removeListElement", "write"),
  s("createObject", "write"),
  s("deleteObject", "write"),
  s("readProperty", "read"),
  s("readPropertyConditional", "read"),
  s("readPropertyMultiple", "read"),
  s("writeProperty", "write"),
  s("writePropertyMultiple", "write"),
  s("deviceCommunicationControl", "control"),
  // Vendor-defined: what it does cannot be told from the wire.
  s("confirmedPrivateTransfer", "diagnostic"),
  s("confirmedTextMessage", "diagnostic"),
  s("reinitializeDevice", "control"),
  s("vtOpen", "session"),
  s("vtClose", "session"),
  s("vtData", "session"),
  s("authenticate", "session"),
  s("requestKey", "session"),
  s("readRange", "read"),
  s("lifeSafetyOperation", "control"),
  s("subscribeCOVProperty", "read"),
  s("getEventInformation", "read"),
  s("subscribeCOVPropertyMultiple", "read"),
  s("confirmedCOVNotificationMultiple", "read"),
  s("confirmedAuditNotification", "diagnostic"),
  s("auditLogQuery", "read"),
];

/** Unconfirmed service choices, indexed by choice. */
const UNCONFIRMED: readonly ServiceName[] = [
  s("i-Am", "identify"),
  s("i-Have", "identify"),
  s("unconfirmedCOVNotification", "read"),
  s("unconfirmedEventNotification", "read"),
  s("unconfirmedPrivateTransfer", "diagnostic"),
  s("unconfirmedTextMessage", "diagnostic"),
  s("timeSynchronization", "diagnostic"),
  s("who-Has", "identify"),
  s("who-Is", "identify"),
  s("utcTimeSynchronization", "diagnostic"),
  s("writeGroup", "write"),
  s("unconfirmedCOVNotificationMultiple", "read"),
  s("unconfirmedAuditNotification", "diagnostic"),
  s("who-Am-I", "identify"),
  s("you-Are", "write"),
];

/** BVLC functions a device requests of a BBMD (Annex J); the others carry NPDUs or answer. */
const BVLC_REQUESTS: ReadonlyMap<number, ServiceName> = new Map([
  [0x01, s("Write-Broadcast-Distribution-Table", "write")],
  [0x02, s("Read-Broadcast-Distribution-Table", "read")],
  [0x05, s("Register-Foreign-Device", "session")],
  [0x06, s("Read-Foreign-Device-Table", "read")],
  [0x08, s("Delete-Foreign-Device-Table-Entry", "write")],
]);

const UNKNOWN_CONFIRMED: readonly ServiceName[] = Array.from({ length: 256 }, (_, c) =>
  s(`confirmed service ${c}`, "diagnostic"),
);
const UNKNOWN_UNCONFIRMED: readonly ServiceName[] = Array.from({ length: 256 }, (_, c) =>
  s(`unconfirmed service ${c}`, "diagnostic"),
);

export function confirmedService(choice: number): ServiceName {
  return CONFIRMED[choice] ?? UNKNOWN_CONFIRMED[choice];
}

export function unconfirmedService(choice: number): ServiceName {
  return UNCONFIRMED[choice] ?? UNKNOWN_UNCONFIRMED[choice];
}

export function bvlcRequest(fn: number): ServiceName | undefined {
  return BVLC_REQUESTS.get(fn);
}

/** Vendor identifiers (ASHRAE's BACnet vendor id registry) of the building-automation vendors met most. */
const VENDORS: ReadonlyMap<number, string> = new Map([
  [0, "ASHRAE"],
  [2, "The Trane Company"],
  [3, "McQuay International"],
  [4, "PolarSoft"],
  [5, "Johnson Controls Inc."],
  [6, "American Auto-Matrix"],
  [7, "Siemens Schweiz AG (Formerly: Landis & Staefa Division Europe)"],
  [8, "Delta Controls"],
  [9, "Siemens Schweiz AG"],
  [10, "Schneider Electric"],
  [11, "TAC"],
  [14, "Cimetrics Technology"],
  [16, "United Technologies Carrier"],
  [17, "Honeywell Inc."],
  [18, "Alerton / Honeywell"],
  [19, "TAC AB"],
  [22, "Siemens Schweiz AG (Formerly: Cerberus AG)"],
  [24, "Automated Logic Corporation"],
  [26, "Phoenix Controls Corporation"],
  [28, "KMC Controls Inc."],
  [35, "Reliable Controls Corporation"],
  [36, "Tridium Inc."],
  [37, "Sierra Monitor Corporation"],
  [39, "Kieback & Peter GmbH & Co KG"],
  [51, "SAMSON AG"],
  [53, "DAIKIN Industries Ltd."],
  [77, "Carel S.p.A."],
  [80, "Fr. Sauter AG"],
  [89, "Saia-Burgess Controls Ltd."],
  [91, "Novar Corp./Trend Control Systems Ltd."],
  [127, "ABB Inc."],
  [160, "Rockwell Automation"],
  [178, "LOYTEC Electronics GmbH"],
  [187, "Softing"],
  [191, "Eaton Corporation"],
  [196, "Yokogawa Electric Corporation"],
  [222, "WAGO Kontakttechnik GmbH & Co. KG"],
  [226, "Phoenix Contact GmbH & Co. KG"],
  [251, "WILO SE"],
  [260, "BACnet Stack at SourceForge"],
  [264, "Regin AB"],
  [313, "Siemens Industry Inc."],
  [332, "Distech Controls SAS"],
  [335, "Schneider Electric"],
  [364, "Distech Controls Inc."],
  [366, "ICONICS Inc."],
  [415, "Beckhoff Automation"],
  [423, "BELIMO Automation AG"],
  [432, "LG Electronics Inc."],
  [435, "Delta Electronics Inc."],
]);

export function bacnetVendorName(id: number): string {
  return VENDORS.get(id) ?? `BACnet vendor ${id}`;
}
