/**
 * Incident readiness from plant.yaml's program facts and backup register: a response plan reviewed within a
 * year, a recent tabletop exercise, OT playbooks, incident contacts, and a tested restore of the critical
 * systems. These findings cite IEC 62443-2-1 program requirements (EVENT 1.8, AVAIL 2.5), so the program
 * maturity rating of event and incident management and of backup/restore can rest on them.
 */

import type { z } from "zod";
import type { LineEvidence } from "../model/evidence.js";
import type { Threshold } from "../model/finding.js";
import type { Plant } from "../model/plant.js";
import { backupRecords, latestDate } from "./backup-records.js";
import { ROLES_NEEDING_BACKUP } from "./backups.js";
import { baselineOf, baselineThreshold, formatDate } from "./control-lookup.js";
import { declaredAt } from "./plant-lookup.js";
import { daysSince, findingOf, type Rule } from "./rule.js";

/** Plans, exercises and contacts go stale after a year (62443-2-1 asks for periodic review and exercise). */
export const READINESS_MAX_DAYS = 365;

/** The yearly limit is otaudit's: no file of the plant states the site's own. */
const READINESS_THRESHOLD: Threshold = {
  name: "review and exercise interval",
  value: `${READINESS_MAX_DAYS} days`,
  source: "default",
};

type Line = z.infer<typeof LineEvidence>;

/** The line of a program fact, or of the program section, or of the file's start when there is neither. */
function programAt(plant: Plant, key: string, note: string): Line {
  const line = plant.lines[`program.${key}`] ?? plant.lines.program ?? 1;
  return { kind: "line", file: plant.file, line, note };
}

/** A dated program fact that must be at most a year old: undefined when it is. */
function staleFact(
  plant: Plant,
  now: Date,
  key: "incidentResponsePlan" | "lastTabletopExercise",
  what: string,
) {
  const date = plant.spec.program[key];
  if (!date)
    return {
      summary: `No ${what} is recorded (program.${key}).`,
      evidence: programAt(plant, key, `program.${key} missing`),
      thresholds: [],
    };
  const days = daysSince(date, now);
  if (days <= READINESS_MAX_DAYS) return undefined;
  return {
    summary: `The ${what} dates from ${formatDate(date)}, ${days} days ago; otaudit's default limit is ${READINESS_MAX_DAYS}.`,
    evidence: programAt(plant, key, `${key}: ${date}`),
    thresholds: [READINESS_THRESHOLD],
  };
}

export const responsePlanOutdated: Rule = {
  id: "IR-001",
  title: "Incident response plan missing or not reviewed within a year",
  severity: "high",
  contradicts: ["EVENT 1.8"],
  related: [],
  description:
    "A plan not reviewed for over a year names people who have left, systems that changed and vendors no longer under contract; in an OT incident it decides who may isolate a network or stop a process.",
  remediation:
    "Review the OT incident response plan yearly and after every major change: roles, escalation to operations and safety, isolation steps per zone, evidence preservation, restart criteria.",
  check(ctx) {
    const stale = staleFact(
      ctx.plant,
      ctx.now,
      "incidentResponsePlan",
      "incident response plan's last review",
    );
    return stale
      ? [
          findingOf(this, {
            subject: "plan",
            summary: stale.summary,
            evidence: [stale.evidence],
            thresholds: stale.thresholds,
          }),
        ]
      : [];
  },
};

export const noRecentExercise: Rule = {
  id: "IR-002",
  title: "No incident response exercise within a year",
  severity: "medium",
  contradicts: ["EVENT 1.8"],
  related: [],
  description:
    "A plan nobody has rehearsed fails on its first use: contacts do not answer, decisions wait for people who are not there, and operators do not know what the plan asks of them.",
  remediation:
    "Hold a tabletop exercise at least yearly with operations, OT engineering, IT, safety and the main vendors, on an OT scenario (ransomware on the HMIs, unauthorised PLC change); record lessons and actions.",
  check(ctx) {
    const stale = staleFact(ctx.plant, ctx.now, "lastTabletopExercise", "last tabletop exercise");
    return stale
      ? [
          findingOf(this, {
            subject: "exercise",
            summary: stale.summary,
            evidence: [stale.evidence],
            thresholds: stale.thresholds,
          }),
        ]
      : [];
  },
};

export const noPlaybooks: Rule = {
  id: "IR-003",
  title: "No OT incident playbooks",
  severity: "medium",
  contradicts: ["EVENT 1.8"],
  related: [],
  description:
    "A general IT incident process does not say how to keep the process safe while isolating an HMI, when to switch to manual operation, or how to check a controller's logic after an intrusion.",
  remediation:
    "Write short playbooks for the likely OT incidents (ransomware on HMIs/servers, loss of view or control, unauthorised controller change, compromised vendor access) and list them in plant.yaml's program.playbooks.",
  check(ctx) {
    const playbooks = ctx.plant.spec.program.playbooks ?? [];
    if (playbooks.length > 0) return [];
    return [
      findingOf(this, {
        subject: "playbooks",
        summary: "No OT incident playbook is recorded (program.playbooks).",
        evidence: [programAt(ctx.plant, "playbooks", "program.playbooks missing")],
      }),
    ];
  },
};

export const noIncidentContacts: Rule = {
  id: "IR-004",
  title: "Incident contacts missing",
  severity: "medium",
  contradicts: ["EVENT 1.8", "EVENT 1.2"],
  related: [],
  description:
    "In an incident, time goes to finding out whom to call: the site's incident lead, the integrator and controller vendors, the IT security team, the national CERT and the regulator.",
  remediation:
    "List the incident contacts in plant.yaml's program.incidentContacts (role, name, 24/7 phone) and a support contact for every vendor; check them at each plan review.",
  check(ctx) {
    const contacts = ctx.plant.spec.program.incidentContacts ?? [];
    const vendorsWithout = ctx.plant.spec.vendors.flatMap((v, i) => (v.contact ? [] : [{ v, i }]));
    if (contacts.length > 0 && vendorsWithout.length === 0) return [];
    const parts = [
      contacts.length === 0 ? "No incident contacts are recorded (program.incidentContacts)" : null,
      vendorsWithout.length
        ? `vendors without a contact: ${vendorsWithout.map(({ v }) => v.id).join(", ")}`
        : null,
    ].filter((p): p is string => p !== null);
    return [
      findingOf(this, {
        subject: "contacts",
        summary: `${parts.join("; ")}.`,
        evidence: [
          ...(contacts.length === 0
            ? [programAt(ctx.plant, "incidentContacts", "program.incidentContacts missing")]
            : []),
          ...vendorsWithout.map(({ i }) => declaredAt(ctx.plant, "vendors", i, "no contact")),
        ],
      }),
    ];
  },
};

export const criticalRestoreUntested: Rule = {
  id: "IR-005",
  title: "Critical systems without a tested restore",
  severity: "high",
  contradicts: ["AVAIL 2.5"],
  related: ["SR 7.4", "EVENT 1.8"],
  description:
    "Recovery is the last step of every incident plan: if the controllers, servers and firewalls the process cannot run without have never been restored from backup, nobody knows how long the plant would be down.",
  remediation:
    "Restore each critical system from its backup at least yearly (to spare hardware or a test bench), time it, and record the result and date in the backup register.",
  check(ctx) {
    const limit = baselineOf(ctx).backups.restoreTestMaxDays;
    const needing = ctx.plant.spec.assets.filter((a) => ROLES_NEEDING_BACKUP.includes(a.role));
    const critical = needing.some((a) => a.criticality === "critical")
      ? needing.filter((a) => a.criticality === "critical")
      : needing;
    const records = backupRecords(ctx);
    const untested = critical.flatMap((a) => {
      const tested = latestDate(records.filter((r) => r.system === a.id).map((r) => r.lastRestoreTest));
      if (tested && daysSince(tested, ctx.now) <= limit) return [];
      return [{ a, tested }];
    });
    if (untested.length === 0) return [];
    const threshold = baselineThreshold(
      ctx,
      "backups.restoreTestMaxDays",
      "restore-test interval",
      `${limit} days`,
    );
    return [
      findingOf(this, {
        subject: "restore",
        summary: `${untested.length} of ${critical.length} critical systems have no restore tested within ${limit} days: ${untested
          .map(({ a, tested }) => `${a.id} (${tested ? `last ${formatDate(tested)}` : "never"})`)
          .join(", ")}.`,
        zones: [...new Set(untested.flatMap(({ a }) => (a.zone ? [a.zone] : [])))],
        assets: untested.map(({ a }) => a.id),
        evidence: untested.map(({ a }) =>
          declaredAt(
            ctx.plant,
            "assets",
            ctx.plant.spec.assets.indexOf(a),
            "critical; no recent restore test",
          ),
        ),
        // A critical system never restore-tested is untested whatever the interval.
        ...(untested.every(({ tested }) => tested) ? { thresholds: [threshold] } : {}),
      }),
    ];
  },
};
