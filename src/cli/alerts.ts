/**
 * `otaudit alerts <plant-dir> [--all] [--json] [--ack ID...] [--fold-into-baseline] [--by NAME] [--note TEXT]`:
 * lists the alerts `otaudit watch` raised, and lets an assessor acknowledge them or fold them into the baseline.
 */
import type { Command } from "commander";
import { ALERT_INFO, acknowledgeAlerts, plantMonitoring } from "../app/monitoring.js";
import { ALERT_TYPES } from "../model/alert.js";
import { UsageError } from "./exit-codes.js";
import { bold, dim } from "./terminal.js";
import { alertLine } from "./watch.js";

interface AlertsFlags {
  all?: boolean;
  json?: boolean;
  ack?: string[];
  foldIntoBaseline?: boolean;
  by?: string;
  note?: string;
}

export function registerAlerts(program: Command): void {
  program
    .command("alerts")
    .description("list the alerts of continuous monitoring; acknowledge them or fold them into the baseline")
    .argument("<plant-dir>", "the plant folder watched with otaudit watch")
    .option("--all", "also list alerts already folded into the baseline")
    .option("--json", "print the monitoring status and its alerts as JSON")
    .option(
      "--ack <id...>",
      "acknowledge alerts, by number (7) or id (new-write:192.168.30.99>192.168.30.12)",
    )
    .option("--fold-into-baseline", "with --ack: what the alerts report becomes normal, and stops alerting")
    .option("--by <name>", "with --ack: who acknowledges")
    .option("--note <text>", "with --ack: why")
    .addHelpText(
      "after",
      `\nAlert types:\n${ALERT_TYPES.map((t) => `  ${t.padEnd(22)} ${ALERT_INFO[t].description}`).join("\n")}`,
    )
    .action((dir: string, flags: AlertsFlags) => {
      if (
        flags.ack === undefined &&
        (flags.foldIntoBaseline || flags.by !== undefined || flags.note !== undefined)
      ) {
        throw new UsageError("--fold-into-baseline, --by and --note go with --ack <id...>");
      }
      if (flags.ack !== undefined) {
        const acknowledged = acknowledgeAlerts(dir, flags.ack, {
          by: flags.by ?? null,
          note: flags.note ?? null,
          fold: flags.foldIntoBaseline === true,
        });
        for (const a of acknowledged) process.stdout.write(`${a.status} ${alertLine(a)}\n`);
        return;
      }
      const status = plantMonitoring(dir, flags.all === true);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        return;
      }
      if (status === null) {
        process.stdout.write(`${dim("nothing watched yet")}\n`);
        return;
      }
      process.stdout.write(
        `${bold(status.phase)}: baseline of ${status.baselineFacts} facts learned over ${status.learning}; ` +
          `${status.filesIngested} files ingested (${status.filesLearned} learned${status.filesUnreadable ? `, ${status.filesUnreadable} unreadable` : ""}), last ${status.lastFile ?? "none"}\n` +
          `inventory: ${status.assets} assets, ${status.conversations} conversations, ${status.operations} operations\n`,
      );
      if (status.alerts.length === 0) process.stdout.write(`${dim("no alerts")}\n`);
      for (const a of status.alerts) {
        const ack = a.acknowledged
          ? dim(` [${a.status} ${a.acknowledged.at}${a.acknowledged.by ? ` by ${a.acknowledged.by}` : ""}]`)
          : "";
        process.stdout.write(`${alertLine(a)} x${a.count}${ack}\n`);
      }
    });
}
