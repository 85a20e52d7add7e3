/**
 * `otaudit alerts <plant-dir> [--all] [--json] [--ack ID...] [--fold-into-baseline] [--by NAME] [--note TEXT]`:
 * lists the alerts `otaudit watch` raised, and lets an assessor acknowledge them or fold them into the baseline.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { ALERT_TYPES } from "../model/alert.js";
import { ALERT_INFO } from "../monitor/alert-catalogue.js";
import { monitoringStatus } from "../monitor/status.js";
import { MonitorStore } from "../store/monitor-store.js";
import { workspacePath } from "../store/workspace.js";
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
      const path = workspacePath(dir);
      if (!existsSync(path)) throw new UsageError(`${dir}: no workspace yet; run otaudit watch ${dir} first`);
      const store = MonitorStore.open(path);
      try {
        if (flags.ack !== undefined) {
          const missing = flags.ack.filter((ref) => store.alert(ref) === undefined);
          if (missing.length > 0)
            throw new UsageError(`no such alert: ${missing.join(", ")} (see otaudit alerts ${dir})`);
          const at = new Date().toISOString();
          for (const ref of flags.ack) {
            const a = store.acknowledge(ref, {
              at,
              by: flags.by ?? null,
              note: flags.note ?? null,
              fold: flags.foldIntoBaseline === true,
            });
            if (a) process.stdout.write(`${a.status} ${alertLine(a)}\n`);
          }
          return;
        }
        const status = monitoringStatus(store, flags.all === true);
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
      } finally {
        store.close();
      }
    });
}
