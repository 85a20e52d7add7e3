/**
 * The parts and editions of IEC 62443 this tool applies, stated once: the report's "Scope and method" lists them,
 * and the catalogues in this folder follow these editions.
 */
export interface AppliedStandard {
  part: string;
  edition: string;
  title: string;
  /** What the assessment takes from it. */
  use: string;
}

export const APPLIED_STANDARDS: readonly AppliedStandard[] = [
  {
    part: "IEC 62443-3-3",
    edition: "2013",
    title: "System security requirements and security levels",
    use: "the system requirements and enhancements each zone and conduit is judged on (SL-A against SL-T)",
  },
  {
    part: "IEC 62443-3-2",
    edition: "2020",
    title: "Security risk assessment for system design",
    use: "the system under consideration, zones and conduits, the risk assessment and the CRS (ZCR 1-7)",
  },
  {
    part: "IEC 62443-2-1",
    edition: "2024",
    title: "Security program requirements for IACS asset owners",
    use: "the security program elements and their maturity",
  },
  {
    part: "IEC 62443-4-2",
    edition: "2019",
    title: "Technical security requirements for IACS components",
    use: "the component requirements the findings on devices refer to",
  },
];

/** `IEC 62443-3-3:2013`. */
export const standardRef = (s: AppliedStandard): string => `${s.part}:${s.edition}`;
