/**
 * Reachability of OT zones from the enterprise and from outside every declared zone: what the firewall rules permit
 * (the zone matrix), and what the captures saw crossing outside the declared conduit flows.
 */
import type { Evidence } from "../../model/evidence.js";
import type { Plant } from "../../model/plant.js";
import { EXTERNAL } from "../../model/plant.js";
import type { ZoneMatrix, ZoneMatrixCell } from "../../model/zone-matrix.js";
import { type AddressBook, isEnterpriseZone, isOtZone, type Signal } from "./signal.js";

const SHOWN_SERVICES = 6;

function sourceOf(plant: Plant, cell: ZoneMatrixCell): "enterprise-reachable" | "internet-reachable" | null {
  if (!isOtZone(plant, cell.to)) return null;
  if (cell.from === EXTERNAL) return "internet-reachable";
  return isEnterpriseZone(plant, cell.from) ? "enterprise-reachable" : null;
}

function permittedSignal(plant: Plant, cell: ZoneMatrixCell, signal: Signal["signal"]): Signal {
  const services = [...new Set(cell.permitted.map((p) => (p.name ? `${p.service} (${p.name})` : p.service)))];
  const undeclared = cell.conduit === null || cell.permitted.some((p) => p.beyondConduit.length > 0);
  // A declared path that no declared protection controls (a bare port forward) is as easy to use as an undeclared one.
  const unprotected =
    plant.spec.conduits.find((c) => c.id === cell.conduit)?.protections.every((p) => p === "none") ?? false;
  const shown =
    services.slice(0, SHOWN_SERVICES).join(", ") + (services.length > SHOWN_SERVICES ? ", ..." : "");
  const rules = cell.permitted.flatMap((p) => p.rules);
  const evidence: Evidence[] = [...new Map(rules.map((r) => [`${r.file}:${r.line}`, r])).values()]
    .slice(0, 4)
    .map((r) => ({ kind: "line", file: r.file, line: r.line, note: r.text }));
  return {
    signal,
    zone: cell.to,
    asset: null,
    weight: undeclared || unprotected ? 2 : 1,
    reason: `the firewall rules let ${cell.from} reach ${cell.to}: ${shown}${undeclared ? (cell.conduit ? `, beyond what conduit ${cell.conduit} declares` : ", and no conduit declares the pair") : ` through conduit ${cell.conduit}${unprotected ? ", which declares no protection" : ""}`}`,
    evidence,
  };
}

/** Sessions from an untrusted source into the zone that no declared conduit flow covers. */
function crossingSignals(cell: ZoneMatrixCell, book: AddressBook): Signal[] {
  return cell.observed
    .filter((o) => !o.declared)
    .flatMap((o) =>
      o.servers.map(
        (server): Signal => ({
          signal: "untrusted-traffic",
          zone: cell.to,
          asset: book.assetOf(server),
          weight: 2,
          reason: `${o.clients.map(book.label).join(", ")} in zone ${cell.from} opened ${o.protocol ?? o.transport}${o.port === null ? "" : ` port ${o.port}`} to ${book.label(server)}, outside any declared conduit flow`,
          evidence: [o.example],
        }),
      ),
    );
}

export function reachabilitySignals(plant: Plant, matrix: ZoneMatrix | null, book: AddressBook): Signal[] {
  if (!matrix) return [];
  return matrix.cells.flatMap((cell) => {
    const signal = sourceOf(plant, cell);
    if (!signal) return [];
    const permitted =
      cell.status === "permitted" && cell.permitted.length > 0 ? [permittedSignal(plant, cell, signal)] : [];
    return [...permitted, ...crossingSignals(cell, book)];
  });
}
