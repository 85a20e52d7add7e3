/** The IEC 62443-2-1 program elements a plant's security program is rated on, with our question for each. */
import { MATURITY_LEVEL_FACTS, PROGRAM_FACTS } from "./iec62443-2-1.js";

export interface ProgramElement {
  id: string;
  title: string;
  /** The security program element (SPE) it belongs to: `SPE 2`, code `CM`. */
  area: { id: string; code: string; title: string };
  requirements: readonly { id: string; title: string }[];
  /** Our yes/no question for an assessor rating the element. */
  question: string;
}

const QUESTIONS: Record<string, string> = {
  "ORG 1":
    "Is there an approved OT security policy with named roles, trained staff and security requirements for suppliers?",
  "ORG 2":
    "Are OT security risks assessed and reviewed on a schedule, with the findings followed to closure?",
  "ORG 3": "Is physical access to control rooms, cabinets and network equipment restricted and recorded?",
  "CM 1":
    "Are the asset inventory, network drawings and configuration settings kept current, and is every change made under change control?",
  "NET 1":
    "Are zones and conduits documented and enforced, with control systems separated from business and safety networks?",
  "NET 2": "Is wireless in the plant inventoried, segmented and protected by strong authentication?",
  "NET 3":
    "Does all remote access go through an approved, monitored path with multifactor authentication, approval and session termination?",
  "COMP 1": "Are components hardened to a baseline, and is the use of portable media controlled?",
  "COMP 2": "Is malware protection deployed, validated with the system vendors, and kept current?",
  "COMP 3": "Are security patches tracked, validated, and installed or mitigated under a documented process?",
  "DATA 1":
    "Is OT data classified, and are its confidentiality, integrity and retention protected accordingly?",
  "USER 1":
    "Is every identity assigned to one person or service, reviewed, removed on time, and strongly authenticated?",
  "USER 2": "Are access rights granted by role with least privilege, and reviewed?",
  "EVENT 1":
    "Are security events detected, logged and analysed, with an incident response plan that is exercised?",
  "AVAIL 1": "Do continuity plans keep essential functions running, and do systems fail to a safe state?",
  "AVAIL 2": "Are backups made, kept offline, and restore-tested on a schedule?",
};

export const PROGRAM_ELEMENTS: readonly ProgramElement[] = PROGRAM_FACTS.flatMap((area) =>
  area.elements.map((e) => {
    const question = QUESTIONS[e.id];
    if (!question) throw new Error(`no question written for program element ${e.id}`);
    return {
      id: e.id,
      title: e.title,
      area: { id: area.id, code: area.code, title: area.title },
      requirements: e.requirements,
      question,
    };
  }),
);

const BY_ID = new Map(PROGRAM_ELEMENTS.map((e) => [e.id, e]));

export function programElement(id: string): ProgramElement | undefined {
  return BY_ID.get(id);
}

/** The element a program requirement belongs to: `EVENT 1.8` -> `EVENT 1`; undefined for other references. */
export function elementOfRequirement(ref: string): ProgramElement | undefined {
  const m = ref.match(/^([A-Z]+ \d+)\.\d+$/);
  const element = m ? BY_ID.get(m[1]!) : undefined;
  return element?.requirements.some((r) => r.id === ref) ? element : undefined;
}

export const MATURITY_LEVELS = MATURITY_LEVEL_FACTS;

export function maturityName(level: number): string {
  return MATURITY_LEVELS.find((m) => m.level === level)?.name ?? "not rated";
}
