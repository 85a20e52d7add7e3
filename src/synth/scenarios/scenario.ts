/** A scenario populates a timeline with activities; the generator runs it into a pcap writer. */
import type { SynthContext } from "../sessions/context.js";

export interface Scenario {
  /** Frames carry 802.1Q tags (the capture is a trunk mirror). */
  readonly tagged: boolean;
  /** Adds the scenario's activities to `ctx.timeline`; `size` is the requested capture size in bytes, if any. */
  build(ctx: SynthContext, size: number | null): void;
}

/** 2026-11-26 08:00:00 UTC, the morning after the plant's last recorded logons. */
export const CAPTURE_EPOCH = Date.UTC(2026, 10, 26, 8, 0, 0) * 1000;
