/**
 * IEC 62443-3-2 (2020): the zone and conduit requirements (ZCR), the steps of a security risk assessment
 * for system design.
 * Identifiers, short titles and level mapping only: no normative text. Written from the facts collected in
 * test/iec62443/iec62443.json (schema version 1.0, see its NOTES.md for sources and
 * disagreements); catalogue.test.ts pins this file against them.
 */

import type { ZcrFacts } from "./types.js";

export const ZCR_FACTS: readonly ZcrFacts[] = [
  {
    id: "ZCR 1",
    title: "Identify the SUC",
    items: [{ id: "ZCR 1.1", title: "Identify the SUC perimeter and access points" }],
  },
  {
    id: "ZCR 2",
    title: "Initial cyber security risk assessment",
    items: [{ id: "ZCR 2.1", title: "Perform initial cyber security risk assessment" }],
  },
  {
    id: "ZCR 3",
    title: "Partition the SUC into zones and conduits",
    items: [
      { id: "ZCR 3.1", title: "Establish zones and conduits" },
      { id: "ZCR 3.2", title: "Separate business and IACS assets" },
      { id: "ZCR 3.3", title: "Separate safety related assets" },
      { id: "ZCR 3.4", title: "Separate temporarily connected devices" },
      { id: "ZCR 3.5", title: "Separate wireless devices" },
      { id: "ZCR 3.6", title: "Separate devices connected via external networks" },
    ],
  },
  {
    id: "ZCR 4",
    title: "Risk comparison",
    items: [{ id: "ZCR 4.1", title: "Compare initial risk to tolerable risk" }],
  },
  {
    id: "ZCR 5",
    title: "Perform a detailed cyber security risk assessment",
    items: [
      { id: "ZCR 5.1", title: "Identify threats" },
      { id: "ZCR 5.2", title: "Identify vulnerabilities" },
      { id: "ZCR 5.3", title: "Determine consequence and impact" },
      { id: "ZCR 5.4", title: "Determine unmitigated likelihood" },
      { id: "ZCR 5.5", title: "Determine unmitigated cyber security risk" },
      { id: "ZCR 5.6", title: "Determine SL-T" },
      { id: "ZCR 5.7", title: "Compare unmitigated risk with tolerable risk" },
      { id: "ZCR 5.8", title: "Identify and evaluate existing countermeasures" },
      { id: "ZCR 5.9", title: "Reevaluate likelihood and impact" },
      { id: "ZCR 5.10", title: "Determine residual risk" },
      { id: "ZCR 5.11", title: "Compare residual risk with tolerable risk" },
      { id: "ZCR 5.12", title: "Identify additional cyber security countermeasures" },
      { id: "ZCR 5.13", title: "Document and communicate results" },
    ],
  },
  {
    id: "ZCR 6",
    title: "Document cyber security requirements, assumptions and constraints",
    items: [
      { id: "ZCR 6.1", title: "Cyber security requirements specification" },
      { id: "ZCR 6.2", title: "SUC description" },
      { id: "ZCR 6.3", title: "Zone and conduit drawings" },
      { id: "ZCR 6.4", title: "Zone and conduit characteristics" },
      { id: "ZCR 6.5", title: "Operating environment assumptions" },
      { id: "ZCR 6.6", title: "Threat environment" },
      { id: "ZCR 6.7", title: "Organizational security policies" },
      { id: "ZCR 6.8", title: "Tolerable risk" },
      { id: "ZCR 6.9", title: "Regulatory requirements" },
    ],
  },
  {
    id: "ZCR 7",
    title: "Asset owner approval",
    items: [{ id: "ZCR 7.1", title: "Attain asset owner approval" }],
  },
];
