/**
 * crs.docx: the cybersecurity requirements specification (IEC 62443-3-2 ZCR 6.1) as a document the asset owner
 * signs. It opens with a document-control block and a sign-off table, then the system under consideration, the
 * threat environment and the approvals with the subjects still unapproved, and specifies each zone of the SuC and
 * each conduit: what it is, its characteristics and flows, its SL-T and why, and every IEC 62443-3-3 requirement
 * its SL-T asks for (identifiers and titles). The same view and Word blocks as the report's CRS section.
 */
import { Paragraph, TextRun } from "docx";
import { APPROVAL_SUBJECTS } from "../../model/system-design.js";
import { crsConduitBlocks, crsZoneBlocks, overviewBlocks } from "../sections/crs.js";
import { approvalBlocks, sucBlocks, threatBlocks, unapprovedBlocks } from "../sections/design.js";
import { signOffTable } from "../sections/front-matter.js";
import { NO_DESIGN_NOTE, outsideWords } from "../view/design.js";
import { notStated } from "../view/front-matter.js";
import { NAVY } from "../view/palette.js";
import type { ReportView } from "../view/report-view.js";
import { bullet, emptyNote, heading, para, table } from "./blocks.js";
import type { Block } from "./context.js";
import { contentsBlocks, wordDocument } from "./word-document.js";

const hex = (c: string): string => c.replace("#", "").toUpperCase();

export const CRS_TITLE = "Cybersecurity requirements specification";

function titlePage(v: ReportView): Block[] {
  const { a, design } = v;
  const date = v.front.date(v.front.reportDate);
  const status = !design
    ? "Draft: the run carries no design basis"
    : design.unapproved.length
      ? `Draft: the design is not approved in ${design.unapproved.join(", ")}`
      : `Design basis approved in all ${APPROVAL_SUBJECTS.length} subjects`;
  return [
    new Paragraph({
      spacing: { before: 1800 },
      children: [new TextRun({ text: CRS_TITLE.toUpperCase(), bold: true, color: hex(NAVY), size: 22 })],
    }),
    new Paragraph({
      children: [new TextRun({ text: a.site, bold: true, color: hex(NAVY), size: 52 })],
    }),
    new Paragraph({
      spacing: { after: 360 },
      children: [
        new TextRun({
          text: design?.system?.name ?? "All zones of plant.yaml (no system under consideration stated)",
          color: hex(NAVY),
          size: 30,
        }),
      ],
    }),
    heading("Document control", 3),
    table(
      [],
      [
        ["Document", `${CRS_TITLE} (CRS)`],
        ["Site", a.site],
        ["System under consideration", design?.system?.name ?? "not stated in plant.yaml: every zone"],
        ["Basis", "IEC 62443-3-2 ZCR 6 (requirements from IEC 62443-3-3 at each target security level)"],
        ["Date", date],
        ["Version", v.front.engagement?.version ?? notStated("version")],
        ["Classification", v.front.classification],
        ["Assessment", a.id],
        ["Prepared with", `${a.tool.name} ${a.tool.version}`],
        ["Status", status],
      ],
      [30, 70],
    ),
    para(""),
    ...unapprovedBlocks(design),
    heading("Sign-off", 3),
    para(
      "By signing, the asset owner accepts this specification as the security requirements of the system under consideration.",
      { size: 17 },
    ),
    signOffTable(v),
  ];
}

export async function crsDocx(v: ReportView): Promise<Buffer> {
  const { a, design, crs } = v;
  let n = 0;
  const part = (title: string, pageBreak = false) => heading(`${++n}. ${title}`, 1, { pageBreak });
  const body: Block[] = [
    ...titlePage(v),
    ...contentsBlocks(),
    heading(`${++n}. Purpose and scope`, 1, { pageBreak: true }),
    para(
      "This specification states what each zone of the system under consideration and each conduit must meet: the IEC 62443-3-3 system requirements (SR) and requirement enhancements (RE) its target security level (SL-T) asks for in each foundational requirement, with the characteristics, assumptions and threat environment they rest on, as IEC 62443-3-2 ZCR 6 asks. Requirements are given by identifier and title; their normative text is in IEC 62443-3-3.",
    ),
    para(
      "A requirement applies to a zone when the level at which IEC 62443-3-3 first asks for it is within the zone's SL-T in its foundational requirement. A conduit is specified in FR3 to FR5 (the integrity, confidentiality and restricted flow of what it carries) at its own SL-T.",
    ),
    ...(crs.outside.length
      ? [
          para("Not specified (zones outside the system under consideration, sources of threat):"),
          ...crs.outside.map((o) => bullet(`${o.zone.name} (${o.zone.id}): ${outsideWords(o.trust)}`)),
        ]
      : []),
    part("System under consideration", true),
    ...(design ? sucBlocks(v, design) : [emptyNote(NO_DESIGN_NOTE)]),
    part("Threat environment"),
    ...(design ? threatBlocks(design) : [emptyNote(NO_DESIGN_NOTE)]),
    part("Approvals"),
    ...(design
      ? [
          ...(design.unapproved.length
            ? [para("Subjects not approved:"), ...design.unapproved.map((s) => bullet(s))]
            : [para("Every subject of the design is approved.")]),
          ...approvalBlocks(design),
        ]
      : [emptyNote(NO_DESIGN_NOTE)]),
    part("Target security levels", true),
    ...overviewBlocks(v),
    part("Zones", true),
    ...(crs.zones.length
      ? crs.zones.flatMap((z, i) => crsZoneBlocks(v, z, true, 2, i > 0))
      : [emptyNote("No zone is in the system under consideration.")]),
    part("Conduits", true),
    ...(crs.conduits.length
      ? crs.conduits.flatMap((c) => crsConduitBlocks(c, true, 2))
      : [emptyNote("plant.yaml declares no conduit.")]),
  ];
  return wordDocument({
    creator: `${a.tool.name} ${a.tool.version}`,
    title: `${CRS_TITLE}: ${a.site}`,
    description: `IEC 62443-3-2 cybersecurity requirements specification from assessment ${a.id}`,
    header: `${CRS_TITLE}: ${a.site} · assessment ${a.id.slice(0, 8)}`,
    body,
  });
}
