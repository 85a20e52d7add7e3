/** The asset inventory: identity, roles, addresses and where each fact came from; sortable and filterable. */
import type { InventoryAsset } from "../../model/assessment.js";
import { type Evidence, formatEvidence } from "../../model/evidence.js";
import * as word from "../docx/blocks.js";
import type { Block, DocxContext } from "../docx/context.js";
import { esc } from "../html-escape.js";
import type { ReportView } from "../view/report-view.js";
import { emptyNote, sectionHtml, sourceNote } from "./common.js";
import type { ReportSectionEntry } from "./section.js";

type Sourced = { value: string; sources: Evidence[] } | null | undefined;

/** A fact with its sources in a tooltip, so the cell stays short and the provenance stays one hover away. */
function sourced(fact: Sourced): string {
  if (!fact) return "";
  return `<span title="${esc(`from ${fact.sources.map(formatEvidence).join(", ")}`)}">${esc(fact.value)}</span>`;
}

/** Vendor, product and model on one line; firmware and operating system under it, each with its sources. */
function identity(x: InventoryAsset): string {
  const name = [x.vendor, x.product, x.model]
    .filter((f): f is NonNullable<Sourced> => Boolean(f))
    .map(sourced);
  const more = [
    x.firmware ? `firmware ${sourced(x.firmware)}` : "",
    x.os ? `OS ${sourced(x.os)}` : "",
  ].filter(Boolean);
  return `${name.join(" ")}${more.length ? `<br><span class="small muted">${more.join(" · ")}</span>` : ""}`;
}

/** One inventory row; `data-key` gives the sort key where the cell text would sort badly. */
function row(x: InventoryAsset): string {
  const services = (x.services ?? []).map((s) => `${s.port}/${s.transport}${s.name ? ` ${s.name}` : ""}`);
  const origin = x.declared ? "plant.yaml" : "network only";
  const sourceList = x.sources.map(formatEvidence);
  return `<tr data-zone="${esc(x.zone ?? "")}" data-role="${esc(x.role)}" data-declared="${x.declared ? "1" : "0"}"${x.declared ? "" : ' class="undeclared"'}>
<td data-key="${esc(x.name.toLowerCase())}"><strong>${esc(x.name)}</strong>${x.name !== x.id ? `<br><span class="muted mono small">${esc(x.id)}</span>` : ""}</td>
<td>${esc(x.role)}</td><td>${esc(x.zone ?? "—")}</td>
<td class="mono small" data-key="${esc(x.ips[0] ?? x.macs[0] ?? "")}">${[...x.ips, ...x.macs].map(esc).join("<br>")}${x.hostnames.length ? `<br><span class="muted">${esc(x.hostnames.join(", "))}</span>` : ""}</td>
<td>${identity(x)}</td>
<td class="small">${esc(x.protocols.join(", "))}${services.length ? `<br><span class="muted">${esc(services.slice(0, 6).join(", "))}${services.length > 6 ? ` +${services.length - 6}` : ""}</span>` : ""}</td>
<td class="small" title="${esc(sourceList.join("\n"))}">${origin}<br><span class="muted">${sourceList.length} source${sourceList.length === 1 ? "" : "s"}</span></td></tr>`;
}

function assetsHtml(v: ReportView): string {
  const { a } = v;
  if (a.assets.length === 0)
    return sectionHtml(
      "assets",
      "Asset inventory",
      emptyNote("The inventory is empty: plant.yaml declares no assets and no capture or scan shows any."),
    );
  const zones = [...new Set(a.assets.map((x) => x.zone ?? ""))].sort();
  const roles = [...new Set(a.assets.map((x) => x.role))].sort();
  const option = (value: string, label: string) => `<option value="${esc(value)}">${esc(label)}</option>`;
  const undeclared = a.assets.filter((x) => !x.declared).length;
  const controls = `<div class="controls" role="search">
<input type="search" id="asset-filter" placeholder="Filter by name, address, vendor, protocol…" aria-label="Filter the assets">
<select id="asset-zone" aria-label="Zone">${option("*", "All zones")}${zones.map((z) => option(z, z || "no zone")).join("")}</select>
<select id="asset-role" aria-label="Role">${option("*", "All roles")}${roles.map((r) => option(r, r)).join("")}</select>
<label><input type="checkbox" id="asset-undeclared"> only assets missing from plant.yaml</label>
<span id="asset-count" class="muted" aria-live="polite">${a.assets.length} of ${a.assets.length} assets</span>
</div>`;
  const head = ["Asset", "Role", "Zone", "Addresses", "Identity", "Protocols / services", "Source"];
  return sectionHtml(
    "assets",
    "Asset inventory",
    `${controls}
<div class="table-wrap"><table id="asset-table" class="sortable assets"><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead>
<tbody>${a.assets.map(row).join("\n")}</tbody></table></div>
${sourceNote("plant.yaml (declared assets), the captures (addresses, protocols, identity read from protocol fields, roles), scanner reports (services, OS, identity) and inventory.csv; hover a value to see where it came from. Highlighted rows are on the network but missing from plant.yaml.")}`,
    `${a.assets.length} assets${undeclared ? `, ${undeclared} seen on the network or in scans but not declared in plant.yaml` : ""}. Click a column heading to sort; type to filter.`,
  );
}

function assetsBlocks({ v }: DocxContext): Block[] {
  const { a } = v;
  if (a.assets.length === 0) return [word.emptyNote("The inventory is empty.")];
  return [
    word.table(
      ["Asset", "Role", "Zone", "Addresses", "Vendor / product", "Firmware", "Protocols", "Source"],
      a.assets.map((x) => [
        `${x.name}${x.name !== x.id ? `\n${x.id}` : ""}`,
        x.role,
        x.zone ?? "—",
        [...x.ips, ...x.macs].join("\n"),
        [x.vendor?.value, x.product?.value, x.model?.value].filter(Boolean).join(" "),
        x.firmware?.value ?? "",
        x.protocols.join(", "),
        x.declared ? "plant.yaml" : "network only",
      ]),
      [17, 10, 10, 16, 18, 9, 12, 8],
    ),
    word.sourceNote(
      "plant.yaml, the captures, scanner reports and inventory.csv; where each fact came from is in assets.csv and report.html.",
    ),
  ];
}

export const assetsSection = {
  id: "assets",
  title: "Asset inventory",
  newPage: true,
  html: assetsHtml,
  docx: assetsBlocks,
} satisfies ReportSectionEntry;
