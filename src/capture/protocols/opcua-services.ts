/**
 * OPC UA services by the numeric node id of their request's binary encoding (namespace 0, OPC UA Part 6
 * NodeIds.csv): the operation code of a service is that number, e.g. ReadRequest 631. Every response listed
 * here is encoded with its request's id + 3; ServiceFault (397) answers any request.
 */
import type { OperationCategory } from "../../model/capture.js";

export const OPEN_SECURE_CHANNEL = 446;
export const CLOSE_SECURE_CHANNEL = 452;
export const ACTIVATE_SESSION = 467;
export const SERVICE_FAULT = 397;
export const USER_NAME_IDENTITY_TOKEN = 324;
/** A response's encoding id is its request's + 3. */
export const RESPONSE_OFFSET = 3;

export interface UaService {
  name: string;
  category: OperationCategory;
}

export const SERVICES: ReadonlyMap<number, UaService> = new Map<number, UaService>([
  [422, { name: "FindServers", category: "identify" }],
  [428, { name: "GetEndpoints", category: "identify" }],
  [437, { name: "RegisterServer", category: "identify" }],
  [446, { name: "OpenSecureChannel", category: "session" }],
  [452, { name: "CloseSecureChannel", category: "session" }],
  [461, { name: "CreateSession", category: "session" }],
  [467, { name: "ActivateSession", category: "session" }],
  [473, { name: "CloseSession", category: "session" }],
  [479, { name: "Cancel", category: "session" }],
  [488, { name: "AddNodes", category: "write" }],
  [494, { name: "AddReferences", category: "write" }],
  [500, { name: "DeleteNodes", category: "write" }],
  [506, { name: "DeleteReferences", category: "write" }],
  [527, { name: "Browse", category: "read" }],
  [533, { name: "BrowseNext", category: "read" }],
  [554, { name: "TranslateBrowsePathsToNodeIds", category: "read" }],
  [560, { name: "RegisterNodes", category: "read" }],
  [566, { name: "UnregisterNodes", category: "read" }],
  [615, { name: "QueryFirst", category: "read" }],
  [621, { name: "QueryNext", category: "read" }],
  [631, { name: "Read", category: "read" }],
  [664, { name: "HistoryRead", category: "read" }],
  [673, { name: "Write", category: "write" }],
  [700, { name: "HistoryUpdate", category: "write" }],
  [712, { name: "Call", category: "control" }],
  [751, { name: "CreateMonitoredItems", category: "read" }],
  [763, { name: "ModifyMonitoredItems", category: "read" }],
  [769, { name: "SetMonitoringMode", category: "read" }],
  [775, { name: "SetTriggering", category: "read" }],
  [781, { name: "DeleteMonitoredItems", category: "read" }],
  [787, { name: "CreateSubscription", category: "read" }],
  [793, { name: "ModifySubscription", category: "read" }],
  [799, { name: "SetPublishingMode", category: "read" }],
  [826, { name: "Publish", category: "read" }],
  [832, { name: "Republish", category: "read" }],
  [841, { name: "TransferSubscriptions", category: "read" }],
  [847, { name: "DeleteSubscriptions", category: "read" }],
]);

/** The request code a response encoding id answers, or -1 when `id` is no response we know. */
export function answeredRequest(id: number): number {
  return SERVICES.has(id - RESPONSE_OFFSET) ? id - RESPONSE_OFFSET : -1;
}
