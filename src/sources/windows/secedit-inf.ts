/**
 * `secedit /export /cfg file.inf`: the local security policy as a security template, UTF-16LE with a BOM and
 * CRLF lines. Read here: [System Access] (`Key = value`), [Event Audit] (`Key = 0..3`), [Registry Values]
 * (`MACHINE\path\Name=type,value`) and [Privilege Rights] (`SeRight = *S-1-5-32-544,name`). [Unicode] and
 * [Version] are the template's own; other sections ([Kerberos Policy], [Group Membership], ...) are not
 * checked and are reported once each. Malformed lines are reported with their line and skipped.
 */
import type { SecurityPolicy } from "../../model/controls.js";
import { type InputProblem, lineProblems } from "../../model/problem.js";
import { splitLines } from "../text-decode.js";

const READ = ["System Access", "Event Audit", "Registry Values", "Privilege Rights"] as const;
const TEMPLATE = ["Unicode", "Version", "Profile Description"];

export function readSeceditInf(
  text: string,
  system: string,
  file: string,
  problems: InputProblem[],
): SecurityPolicy {
  const policy: SecurityPolicy = {
    system,
    file,
    sections: {},
    systemAccess: {},
    eventAudit: {},
    registryValues: {},
    privilegeRights: {},
  };
  const problem = lineProblems(file, problems, "warning");
  let section: string | null = null;
  let skipping = false;
  splitLines(text).forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (s === "" || s.startsWith(";")) return;
    const header = /^\[(.+)\]$/.exec(s);
    if (header) {
      section = header[1]!.trim();
      policy.sections[section] = line;
      skipping = !(READ as readonly string[]).includes(section) && !TEMPLATE.includes(section);
      if (skipping) problem(line, "not-modelled", `section [${section}] is not checked`);
      return;
    }
    if (section === null) {
      problem(line, "unparsed-line", "line before any [section]: skipped");
      return;
    }
    if (skipping || TEMPLATE.includes(section)) return;
    const eq = s.indexOf("=");
    if (eq <= 0) {
      problem(line, "unparsed-line", `expected "name = value" in [${section}]: skipped`);
      return;
    }
    const key = s.slice(0, eq).trim();
    const value = s.slice(eq + 1).trim();
    switch (section) {
      case "System Access":
        policy.systemAccess[key] = { value: unquote(value), line };
        break;
      case "Event Audit":
        if (!/^[0-3]$/.test(value))
          problem(
            line,
            "invalid-value",
            `${key}: expected 0 (none) to 3 (success and failure), got "${value}"`,
          );
        else policy.eventAudit[key] = { value, line };
        break;
      case "Registry Values": {
        const m = /^(\d+),(.*)$/.exec(value);
        if (!m) {
          problem(line, "invalid-value", `${key}: expected "type,value", got "${value.slice(0, 40)}"`);
          break;
        }
        policy.registryValues[key.toLowerCase()] = {
          path: key,
          type: Number(m[1]),
          value: unquote(m[2]!),
          line,
        };
        break;
      }
      case "Privilege Rights":
        policy.privilegeRights[key] = {
          holders:
            value === ""
              ? []
              : value
                  .split(",")
                  .map((h) => h.trim())
                  .filter((h) => h !== ""),
          line,
        };
        break;
    }
  });
  if (Object.keys(policy.sections).length === 0)
    problem(0, "unsupported-format", "no [section] found: not a secedit security template", "error");
  return policy;
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}
