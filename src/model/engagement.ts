/**
 * plant.yaml `engagement`: who assessed the plant for whom, when, how, and under what distribution: the front
 * matter of the report a client signs. Optional, and every field in it; the report says what is not stated.
 */
import { z } from "zod";
import { IsoDate } from "./ids.js";

/** How the assessors gathered what the report rests on. */
export const ENGAGEMENT_METHODS = {
  "passive-capture": "passive network capture (SPAN or tap)",
  "configuration-review": "configuration review (firewalls, switches, hosts)",
  "active-scan": "active scanning, within agreed windows",
  "vulnerability-matching": "matching advisories to the inventory",
  interviews: "interviews with the site's staff",
  "document-review": "document review",
  "site-walk": "site walk-down",
} as const;
export type EngagementMethod = keyof typeof ENGAGEMENT_METHODS;
export const EngagementMethod = z.enum(
  Object.keys(ENGAGEMENT_METHODS) as [EngagementMethod, ...EngagementMethod[]],
);

export const TeamMember = z.strictObject({
  name: z.string().min(1),
  role: z.string().min(1).optional(),
  /** Certifications or experience: `ISA/IEC 62443 Cybersecurity Expert`, `GICSP`. */
  qualification: z.string().min(1).optional(),
  organisation: z.string().min(1).optional(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const ReviewedDocument = z.strictObject({
  title: z.string().min(1),
  version: z.string().min(1).optional(),
  date: IsoDate.optional(),
});
export type ReviewedDocument = z.infer<typeof ReviewedDocument>;

export const Interview = z.strictObject({
  /** The interviewee's role: `OT engineer`, `plant manager`. */
  role: z.string().min(1),
  name: z.string().min(1).optional(),
  date: IsoDate.optional(),
  topics: z.string().min(1).optional(),
});
export type Interview = z.infer<typeof Interview>;

/** One line of the sign-off table: who, in what role, on what day (the signature is left blank for ink). */
export const Signatory = z.strictObject({
  name: z.string().min(1),
  role: z.string().min(1).optional(),
  date: IsoDate.optional(),
});
export type Signatory = z.infer<typeof Signatory>;

export const SIGN_OFF_ROLES = {
  preparedBy: "Prepared by",
  reviewedBy: "Reviewed by",
  approvedBy: "Approved by (client)",
} as const;
export type SignOffRole = keyof typeof SIGN_OFF_ROLES;

/** A BCP 47 locale `Intl` knows (`en-GB`, `de-DE`), for the dates the report prints. */
export const Locale = z.string().refine(
  (s) => {
    try {
      return Intl.DateTimeFormat.supportedLocalesOf([s]).length > 0;
    } catch {
      return false;
    }
  },
  { error: "expected a locale such as en-GB or de-DE" },
);

export const Engagement = z.strictObject({
  /** The client organisation, for whom the assessment was made. */
  client: z.string().min(1).optional(),
  /** The assessor organisation, whose name and logo the cover carries. */
  assessor: z.string().min(1).optional(),
  team: z.array(TeamMember).optional(),
  dates: z
    .strictObject({
      fieldworkFrom: IsoDate.optional(),
      fieldworkTo: IsoDate.optional(),
      /** The report's date; the assessment date when absent. */
      report: IsoDate.optional(),
    })
    .refine(
      (d) => !d.fieldworkFrom || !d.fieldworkTo || Date.parse(d.fieldworkFrom) <= Date.parse(d.fieldworkTo),
      {
        error: "the fieldwork ends before it starts",
        path: ["fieldworkTo"],
      },
    )
    .optional(),
  /** What the engagement covered beyond the system under consideration plant.yaml states. */
  scope: z
    .strictObject({
      sites: z.array(z.string().min(1)).optional(),
      in: z.array(z.string().min(1)).optional(),
      out: z.array(z.string().min(1)).optional(),
      notes: z.string().min(1).optional(),
    })
    .optional(),
  methods: z.array(EngagementMethod).optional(),
  documents: z.array(ReviewedDocument).optional(),
  interviews: z.array(Interview).optional(),
  /** `Confidential: client and assessor only`; the cover, the running header and document control print it. */
  classification: z.string().min(1).optional(),
  /** The document's version: `1.0`. */
  version: z.string().min(1).optional(),
  distribution: z.array(z.string().min(1)).optional(),
  /** The assessor's logo for the cover, relative to the plant folder: a .png, .svg or .jpg file. */
  logo: z
    .string()
    .regex(/\.(png|svg|jpe?g)$/i, "expected a .png, .svg or .jpg file relative to the plant folder")
    .optional(),
  /** The locale the report's dates are printed in; ISO dates (2026-12-01) when absent. */
  locale: Locale.optional(),
  signOff: z
    .strictObject({
      preparedBy: Signatory.optional(),
      reviewedBy: Signatory.optional(),
      approvedBy: Signatory.optional(),
    })
    .optional(),
});
export type Engagement = z.infer<typeof Engagement>;
