import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { startWorkbench } from "../server/server.js";
import { UsageError } from "./exit-codes.js";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Open the plant in the browser workbench: explore, answer the questionnaire, re-assess")
    .argument("<plant-dir>", "plant folder with plant.yaml")
    .option("--port <n>", "port to listen on (0 picks a free one)", "8462")
    .option("--host <addr>", "address to bind; anything but 127.0.0.1 exposes the plant's data", "127.0.0.1")
    .action(async (plantDir: string, opts: { port: string; host: string }) => {
      if (!existsSync(join(plantDir, "plant.yaml"))) throw new UsageError(`no plant.yaml in ${plantDir}`);
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`bad port: ${opts.port}`);
      const workbench = await startWorkbench({ plantDir, host: opts.host, port });
      process.stdout.write(`otaudit workbench for ${plantDir}\nopen ${workbench.url}\n(Ctrl+C stops it)\n`);
      if (opts.host !== "127.0.0.1" && opts.host !== "::1" && opts.host !== "localhost") {
        process.stderr.write(
          `warning: listening on ${opts.host}: anyone with the URL can read and edit the plant\n`,
        );
      }
    });
}
