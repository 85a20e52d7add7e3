/**
 * IEC 62443-2-1 (2024, ed. 2): the security program elements (SPE) of an asset owner, and the maturity levels
 * a program element is rated at.
 * Identifiers, short titles and level mapping only: no normative text. Written from the facts collected in
 * test/iec62443/iec62443.json (schema version 1.0, see its NOTES.md for sources and
 * disagreements); catalogue.test.ts pins this file against them.
 */

import type { ProgramAreaFacts } from "./types.js";

export const PROGRAM_FACTS: readonly ProgramAreaFacts[] = [
  {
    id: "SPE 1",
    code: "ORG",
    title: "Organizational security measures",
    elements: [
      {
        id: "ORG 1",
        title: "Security related organization and policies",
        requirements: [
          { id: "ORG 1.1", title: "Information security management system (ISMS)" },
          { id: "ORG 1.2", title: "Background checks" },
          { id: "ORG 1.3", title: "Security roles and responsibilities" },
          { id: "ORG 1.4", title: "Security awareness training" },
          { id: "ORG 1.5", title: "Security responsibilities training" },
          { id: "ORG 1.6", title: "Supply chain security" },
        ],
      },
      {
        id: "ORG 2",
        title: "Security assessments and reviews",
        requirements: [
          { id: "ORG 2.1", title: "Security risk mitigation" },
          { id: "ORG 2.2", title: "Processes for discovery of security anomalies" },
          { id: "ORG 2.3", title: "Secure development and support" },
          { id: "ORG 2.4", title: "SP reviews" },
        ],
      },
      {
        id: "ORG 3",
        title: "Security of physical access",
        requirements: [{ id: "ORG 3.1", title: "Physical access control" }],
      },
    ],
  },
  {
    id: "SPE 2",
    code: "CM",
    title: "Configuration management",
    elements: [
      {
        id: "CM 1",
        title: "Inventory management of IACS hardware/software components and network communications",
        requirements: [
          { id: "CM 1.1", title: "Asset inventory baseline" },
          { id: "CM 1.2", title: "Infrastructure drawings/documentation" },
          { id: "CM 1.3", title: "Configuration settings" },
          { id: "CM 1.4", title: "Change control" },
        ],
      },
    ],
  },
  {
    id: "SPE 3",
    code: "NET",
    title: "Network and communications security",
    elements: [
      {
        id: "NET 1",
        title: "System segmentation",
        requirements: [
          { id: "NET 1.1", title: "Segmentation from non-IACS zones" },
          { id: "NET 1.2", title: "Documentation of zones and network zone interconnections" },
          { id: "NET 1.3", title: "Network segmentation from safety systems" },
          { id: "NET 1.4", title: "Network autonomy" },
          { id: "NET 1.5", title: "Network disconnection from external networks" },
          { id: "NET 1.6", title: "Internal network access control" },
          { id: "NET 1.7", title: "Network accessible services" },
          { id: "NET 1.8", title: "User messaging" },
          { id: "NET 1.9", title: "Network time distribution" },
        ],
      },
      {
        id: "NET 2",
        title: "Secure wireless access",
        requirements: [
          { id: "NET 2.1", title: "Wireless protocols" },
          { id: "NET 2.2", title: "Wireless network segmentation" },
          { id: "NET 2.3", title: "Wireless properties and addresses" },
        ],
      },
      {
        id: "NET 3",
        title: "Secure remote access",
        requirements: [
          { id: "NET 3.1", title: "Remote access applications" },
          { id: "NET 3.2", title: "Remote access connections" },
          { id: "NET 3.3", title: "Remote access termination" },
        ],
      },
    ],
  },
  {
    id: "SPE 4",
    code: "COMP",
    title: "Component security",
    elements: [
      {
        id: "COMP 1",
        title: "Components and portable media",
        requirements: [
          { id: "COMP 1.1", title: "Component hardening" },
          { id: "COMP 1.2", title: "Dedicated portable media" },
        ],
      },
      {
        id: "COMP 2",
        title: "Malware protection",
        requirements: [
          { id: "COMP 2.1", title: "Malware free" },
          { id: "COMP 2.2", title: "Malware protection" },
          { id: "COMP 2.3", title: "Malware protection software validation and installation" },
        ],
      },
      {
        id: "COMP 3",
        title: "Patch management",
        requirements: [
          { id: "COMP 3.1", title: "Security patch authenticity/integrity" },
          { id: "COMP 3.2", title: "Security patch validation and installation" },
          { id: "COMP 3.3", title: "Security patch status" },
          { id: "COMP 3.4", title: "Security patching retention of security" },
          { id: "COMP 3.5", title: "Security patch mitigation" },
        ],
      },
    ],
  },
  {
    id: "SPE 5",
    code: "DATA",
    title: "Protection of data",
    elements: [
      {
        id: "DATA 1",
        title: "Protection of data",
        requirements: [
          { id: "DATA 1.1", title: "Data classification" },
          { id: "DATA 1.2", title: "Data confidentiality" },
          { id: "DATA 1.3", title: "Safety system configuration mode" },
          { id: "DATA 1.4", title: "Data retention policy" },
          { id: "DATA 1.5", title: "Cryptographic mechanisms" },
          { id: "DATA 1.6", title: "Key management" },
          { id: "DATA 1.7", title: "Data integrity" },
        ],
      },
    ],
  },
  {
    id: "SPE 6",
    code: "USER",
    title: "User access control",
    elements: [
      {
        id: "USER 1",
        title: "Identification and authentication",
        requirements: [
          { id: "USER 1.1", title: "User identity assignment" },
          { id: "USER 1.2", title: "User identity removal" },
          { id: "USER 1.3", title: "User identity persistence" },
          { id: "USER 1.4", title: "Access rights assignment" },
          { id: "USER 1.5", title: "Least privilege" },
          { id: "USER 1.6", title: "Software service authentication" },
          { id: "USER 1.7", title: "Software services interactive login rights" },
          { id: "USER 1.8", title: "Human user authentication" },
          { id: "USER 1.9", title: "Multifactor authentication (MFA)" },
          { id: "USER 1.10", title: "Mutual authentication" },
          { id: "USER 1.11", title: "Password protection" },
          { id: "USER 1.12", title: "Shared and disclosed/compromised passwords" },
          { id: "USER 1.13", title: "User login display information" },
          { id: "USER 1.14", title: "User login failure displays" },
          { id: "USER 1.15", title: "Consecutive login failures" },
          { id: "USER 1.16", title: "Session integrity" },
          { id: "USER 1.17", title: "Concurrent sessions" },
          { id: "USER 1.18", title: "Screen lock" },
          { id: "USER 1.19", title: "Component authentication" },
        ],
      },
      {
        id: "USER 2",
        title: "Authorization and access control",
        requirements: [
          { id: "USER 2.1", title: "Authorization" },
          { id: "USER 2.2", title: "Separation of duties" },
          { id: "USER 2.3", title: "Multiple approvals" },
          { id: "USER 2.4", title: "Manual elevation of privileges" },
        ],
      },
    ],
  },
  {
    id: "SPE 7",
    code: "EVENT",
    title: "Event and incident management",
    elements: [
      {
        id: "EVENT 1",
        title: "Event and incident management",
        requirements: [
          { id: "EVENT 1.1", title: "Event detection" },
          { id: "EVENT 1.2", title: "Event reporting" },
          { id: "EVENT 1.3", title: "Event reporting interfaces" },
          { id: "EVENT 1.4", title: "Logging" },
          { id: "EVENT 1.5", title: "Log entries" },
          { id: "EVENT 1.6", title: "Log access" },
          { id: "EVENT 1.7", title: "Event analysis" },
          { id: "EVENT 1.8", title: "Incident handling and response" },
          { id: "EVENT 1.9", title: "Vulnerability handling" },
        ],
      },
    ],
  },
  {
    id: "SPE 8",
    code: "AVAIL",
    title: "System integrity and availability",
    elements: [
      {
        id: "AVAIL 1",
        title: "System availability and intended functionality",
        requirements: [
          { id: "AVAIL 1.1", title: "Continuity management" },
          { id: "AVAIL 1.2", title: "Resource availability management" },
          { id: "AVAIL 1.3", title: "Failure-state" },
        ],
      },
      {
        id: "AVAIL 2",
        title: "Backup/restore/archive",
        requirements: [
          { id: "AVAIL 2.1", title: "Backup" },
          { id: "AVAIL 2.2", title: "Backup non-interference" },
          { id: "AVAIL 2.3", title: "Backup verification" },
          { id: "AVAIL 2.4", title: "Backup media" },
          { id: "AVAIL 2.5", title: "Backup restoration" },
        ],
      },
    ],
  },
];

export const MATURITY_LEVEL_FACTS = [
  { level: 1, name: "Initial", summary: "ad hoc, often undocumented performance" },
  {
    level: 2,
    name: "Managed",
    summary: "documented processes/procedures, performed by trained staff, evidence may be incomplete",
  },
  {
    level: 3,
    name: "Defined (Practiced)",
    summary: "documented processes repeatably practised across the organization, with evidence",
  },
  { level: 4, name: "Improving", summary: "performance measured and processes continuously improved" },
] as const;
