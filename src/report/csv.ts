/** CSV exports for spreadsheets: findings and assets. */
import { stringify } from "csv-stringify/sync";
import type { Assessment } from "../model/assessment.js";
import { formatEvidence } from "../model/evidence.js";

export function findingsCsv(a: Assessment): string {
  return stringify(
    a.findings.map((f) => ({
      id: f.id,
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      summary: f.summary,
      zones: f.zones.join(" "),
      assets: f.assets.join(" "),
      requirements: f.requirements.join("; "),
      evidence: f.evidence.map(formatEvidence).join("; "),
      remediation: f.remediation,
    })),
    {
      header: true,
      columns: [
        "id",
        "rule",
        "severity",
        "title",
        "summary",
        "zones",
        "assets",
        "requirements",
        "evidence",
        "remediation",
      ],
    },
  );
}

export function assetsCsv(a: Assessment): string {
  return stringify(
    a.assets.map((x) => ({
      id: x.id,
      name: x.name,
      role: x.role,
      zone: x.zone ?? "",
      declared: x.declared ? "yes" : "no",
      ips: x.ips.join(" "),
      macs: x.macs.join(" "),
      hostnames: x.hostnames.join(" "),
      vendor: x.vendor?.value ?? "",
      product: x.product?.value ?? "",
      model: x.model?.value ?? "",
      firmware: x.firmware?.value ?? "",
      protocols: x.protocols.join(" "),
      sources: x.sources.map(formatEvidence).join("; "),
    })),
    {
      header: true,
      columns: [
        "id",
        "name",
        "role",
        "zone",
        "declared",
        "ips",
        "macs",
        "hostnames",
        "vendor",
        "product",
        "model",
        "firmware",
        "protocols",
        "sources",
      ],
    },
  );
}
