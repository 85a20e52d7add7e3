/** NET 3, secure remote access: the declared paths, what the RA rules find, and remote sessions seen on the wire. */
import {
  remoteAccessBypassesJumpHost,
  remoteAccessWithoutMfa,
  unmonitoredRemoteAccess,
} from "../remote-access.js";
import { type Aspect, agree, aspect, findingsOf, type ProgramInput, plural } from "./aspect.js";

export function remoteAccessAspects(input: ProgramInput): Aspect[] {
  const paths = input.plant.spec.remoteAccess;
  // Remote sessions in the captures that bypass the jump host (see the gap assessment's observation rules).
  const seen = input.bearings.filter(
    (b) => b.requirement === "SR 1.13" && !b.finding && b.stance === "contradicts",
  );
  if (paths.length === 0 && seen.length === 0) return [];
  const out: Aspect[] = [];
  if (seen.length > 0)
    out.push(
      aspect(
        1,
        `${plural(seen.length, "remote-access session")} seen in the captures ${agree(seen.length, "bypasses", "bypass")} the jump host${paths.length === 0 ? ", and no remote-access path is declared" : ""}`,
        seen.flatMap((b) => b.evidence),
      ),
    );
  const bypass = findingsOf(input, remoteAccessBypassesJumpHost);
  const unmonitored = findingsOf(input, unmonitoredRemoteAccess);
  const noMfa = findingsOf(input, remoteAccessWithoutMfa);
  const unapproved = paths.filter((r) => !r.sessionApproval);
  if (bypass.length > 0)
    out.push(
      aspect(
        1,
        `${plural(bypass.length, "remote-access path")} ${agree(bypass.length, "bypasses", "bypass")} the jump host (${remoteAccessBypassesJumpHost.id})`,
        bypass.flatMap((f) => f.evidence),
      ),
    );
  if (unmonitored.length > 0)
    out.push(
      aspect(
        2,
        `${plural(unmonitored.length, "remote-access path")} neither monitored nor recorded (${unmonitoredRemoteAccess.id})`,
        unmonitored.flatMap((f) => f.evidence),
      ),
    );
  if (noMfa.length > 0)
    out.push(
      aspect(
        2,
        `${plural(noMfa.length, "remote-access path")} without MFA (${remoteAccessWithoutMfa.id})`,
        noMfa.flatMap((f) => f.evidence),
      ),
    );
  if (unapproved.length > 0)
    out.push(
      aspect(
        2,
        `${plural(unapproved.length, "remote-access path")} open without session approval: ${unapproved.map((r) => r.id).join(", ")}`,
      ),
    );
  if (out.length === 0)
    out.push(
      aspect(
        3,
        `all ${plural(paths.length, "remote-access path")} pass a jump host with MFA, approval and monitoring`,
      ),
    );
  return out;
}
