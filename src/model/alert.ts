import { z } from "zod";
import { FrameEvidence } from "./evidence.js";
import { RequirementRef, Severity } from "./finding.js";

/**
 * What continuous monitoring (`otaudit watch`) reports once the baseline is learned: each type is one way the
 * network departs from what the learning period saw. The names are stable: SIEM rules key on them.
 */
export const ALERT_TYPES = [
  "new-asset",
  "ip-new-mac",
  "flow-outside-conduit",
  "new-zone-flow",
  "new-protocol",
  "new-write",
  "new-control",
  "new-program",
  "program-upload",
  "controller-stop",
  "controller-start",
  "controller-restart",
  "firmware-change",
  "new-remote-session",
  "cleartext-credentials",
  "scan",
] as const;
export const AlertType = z.enum(ALERT_TYPES);
export type AlertType = z.infer<typeof AlertType>;

/** open: not looked at; acknowledged: seen by an assessor, still a departure; folded: now part of the baseline. */
export const AlertStatus = z.enum(["open", "acknowledged", "folded"]);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const Acknowledgement = z.strictObject({
  at: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
});

export const Alert = z.strictObject({
  /** `<type>:<subject>`: stable, so the same departure seen again adds to this alert rather than raising another. */
  id: z.string(),
  /** Workspace-local number, short enough to type (`otaudit alerts --ack 7`). */
  number: z.number().int().positive(),
  type: AlertType,
  title: z.string(),
  severity: Severity,
  /** The IEC 62443-3-3 requirements the departure bears on. */
  requirements: z.array(RequirementRef),
  /** What the alert is about, as its id spells it: an address, `client>server`, `zone>zone:tcp/502`, ... */
  subject: z.string(),
  summary: z.string(),
  zones: z.array(z.string()),
  /** Declared asset ids where plant.yaml names the address, otherwise the address itself. */
  assets: z.array(z.string()),
  /** The first occurrence, then the latest one when it is elsewhere. */
  evidence: z.array(FrameEvidence),
  /**
   * Occurrences: requests, connections or observations for what happens on the wire; capture files for what
   * is a state (an asset present, an address on a MAC, a firmware version).
   */
  count: z.number().int().positive(),
  /** Capture time of the first and the latest occurrence: the start of the connection carrying it, or of its file. */
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Wall-clock time the alert was raised. */
  raisedAt: z.string(),
  status: AlertStatus,
  acknowledged: Acknowledgement.nullable(),
});
export type Alert = z.infer<typeof Alert>;

/** One line of the alerts JSON-lines file: an alert as it was raised, numbered in the order of raising. */
export const AlertNotice = Alert.extend({ seq: z.number().int().positive(), event: z.literal("raised") });
export type AlertNotice = z.infer<typeof AlertNotice>;

/** How monitoring stands, for the assessment and `otaudit alerts`. */
export const MonitoringStatus = z.strictObject({
  phase: z.enum(["learning", "monitoring"]),
  /** `1h of capture time`, `4 files`: the learning plan in force. */
  learning: z.string(),
  filesIngested: z.number().int().nonnegative(),
  filesLearned: z.number().int().nonnegative(),
  filesUnreadable: z.number().int().nonnegative(),
  lastFile: z.string().nullable(),
  /** Capture time of the last packet ingested. */
  lastPacket: z.string().nullable(),
  baselineFacts: z.number().int().nonnegative(),
  /** The monitored inventory kept current from every file: distinct assets, conversations and operations. */
  assets: z.number().int().nonnegative(),
  conversations: z.number().int().nonnegative(),
  operations: z.number().int().nonnegative(),
  /** Alerts not folded into the baseline (open or acknowledged), highest severity first. */
  alerts: z.array(Alert),
});
export type MonitoringStatus = z.infer<typeof MonitoringStatus>;
