import { z } from "zod";

/** Where a fact or a verdict comes from: a frame of a capture, a line of a file, or an answer. */
export const FrameEvidence = z.strictObject({
  kind: z.literal("frame"),
  file: z.string(),
  frame: z.number().int().positive(),
  note: z.string().optional(),
});

export const LineEvidence = z.strictObject({
  kind: z.literal("line"),
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive().optional(),
  note: z.string().optional(),
});

export const AnswerEvidence = z.strictObject({
  kind: z.literal("answer"),
  file: z.string(),
  /** The zone the answer is about, or the conduit when `scope` says so. */
  zone: z.string(),
  /** Set when the answer is about a conduit (answers.yaml `conduits`); absent for a zone. */
  scope: z.literal("conduit").optional(),
  requirement: z.string(),
  assessor: z.string().optional(),
  note: z.string().optional(),
});

export const Evidence = z.discriminatedUnion("kind", [FrameEvidence, LineEvidence, AnswerEvidence]);
export type Evidence = z.infer<typeof Evidence>;

/** One line for a person: `captures/plant.pcap#1234`, `plant.yaml:14`. */
export function formatEvidence(e: Evidence): string {
  switch (e.kind) {
    case "frame":
      return `${e.file}#${e.frame}`;
    case "line":
      return e.column ? `${e.file}:${e.line}:${e.column}` : `${e.file}:${e.line}`;
    case "answer":
      return `${e.file} ${e.scope === "conduit" ? "conduit " : ""}${e.zone}/${e.requirement}${e.assessor ? ` (${e.assessor})` : ""}`;
  }
}
