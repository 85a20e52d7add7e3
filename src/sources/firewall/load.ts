/** Reads one firewall configuration of any supported format into the normalized model, never throwing on content. */
import type { FirewallConfig } from "../../model/firewall.js";
import { type InputProblem, problemAt, WHOLE_FILE } from "../../model/problem.js";
import { readFailureCode } from "../bounded-read.js";
import { readText } from "../text-decode.js";
import { detectFormat } from "./detect.js";

export interface FirewallParse {
  config: FirewallConfig | null;
  problems: InputProblem[];
  /** When the export was written, where its format says (ISO 8601); null otherwise. */
  writtenAt: string | null;
}

/** `file` is the name evidence will carry (e.g. `firewalls/fw-ot.conf`). */
export function parseFirewallConfig(text: string, file: string): FirewallParse {
  const detected = detectFormat(text);
  if (!detected.supported) {
    return {
      config: null,
      problems: [problemAt(file, WHOLE_FILE, "unsupported-format", detected.reason)],
      writtenAt: null,
    };
  }
  const { config, problems } = detected.reader.parse(text, file);
  return {
    config,
    problems: [...problems].sort((a, b) => a.line - b.line),
    writtenAt: detected.reader.writtenAt?.(text) ?? null,
  };
}

/** Reads and parses the file at `absolute`; one that cannot be read is one problem, and no configuration. */
export function readFirewallFile(absolute: string, file: string): FirewallParse {
  let text: string;
  try {
    text = readText(absolute).text;
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return {
      config: null,
      problems: [problemAt(file, WHOLE_FILE, readFailureCode(err), `cannot be read: ${reason}`)],
      writtenAt: null,
    };
  }
  return parseFirewallConfig(text, file);
}
