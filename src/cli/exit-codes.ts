/** Exit codes shared by every command: pipelines rely on them. */
export const EXIT_OK = 0;
/** Findings at or above `--fail-on`; nothing else exits 1, so a pipeline can gate on it. */
export const EXIT_FINDINGS = 1;
/** Bad input or bad usage. */
export const EXIT_BAD_INPUT = 2;
/** A bug in otaudit (an error nobody anticipated): kept apart from 1 so it never passes for findings. */
export const EXIT_INTERNAL = 3;

/** An error a person caused and can fix: printed without a stack trace, exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
