/** USER 1, identification and authentication: the account register and what the ACC rules find in it. */
import { privilegedRemoteWithoutMfa, sharedAccount, staleAccount } from "../accounts.js";
import { type Aspect, aspect, findingAspect, findingsOf, type ProgramInput, plural } from "./aspect.js";

export function accountAspects(input: ProgramInput): Aspect[] {
  const enabled = input.plant.spec.accounts.filter((a) => a.enabled);
  if (enabled.length === 0) return [];
  const shared = findingsOf(input, sharedAccount);
  const remote = findingsOf(input, privilegedRemoteWithoutMfa);
  const stale = findingsOf(input, staleAccount);
  const out: Aspect[] = [];
  if (shared.length > 0)
    out.push(
      aspect(
        1,
        `${plural(shared.length, "shared or default account")} in use (${sharedAccount.id})`,
        shared.flatMap((f) => f.evidence),
      ),
    );
  if (remote.length > 0)
    out.push(
      aspect(
        2,
        `${plural(remote.length, "privileged account")} used remotely without MFA (${privilegedRemoteWithoutMfa.id})`,
        remote.flatMap((f) => f.evidence),
      ),
    );
  if (stale.length > 0)
    out.push(
      findingAspect(2, `${plural(stale.length, "enabled account")} long unused (${staleAccount.id})`, stale),
    );
  if (out.length === 0)
    out.push(
      aspect(
        3,
        `all ${plural(enabled.length, "enabled account")} are personal or service accounts, in use, with MFA where privileged and remote`,
      ),
    );
  return out;
}
