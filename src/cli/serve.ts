import { existsSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import type { Command } from "commander";
import { startWorkbench, type Workbench } from "../server/server.js";
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
      // Digits and dots are meant as an IPv4 address: never ask DNS about 256.1.1.1.
      if (/^[\d.]+$/.test(opts.host) && isIP(opts.host) !== 4)
        throw new UsageError(`--host ${opts.host}: not an IPv4 address (four numbers 0-255, like 127.0.0.1)`);
      const workbench = await listening(plantDir, opts.host, port);
      process.stdout.write(`otaudit workbench for ${plantDir}\nopen ${workbench.url}\n(Ctrl+C stops it)\n`);
      if (opts.host !== "127.0.0.1" && opts.host !== "::1" && opts.host !== "localhost") {
        process.stderr.write(
          `warning: listening on ${opts.host}: anyone with the URL can read and edit the plant\n`,
        );
      }
    });
}

/** Starts the workbench; an address or port that cannot be had is the caller's to change. */
async function listening(plantDir: string, host: string, port: number): Promise<Workbench> {
  try {
    return await startWorkbench({ plantDir, host, port });
  } catch (err) {
    const why: Record<string, string> = {
      ENOTFOUND: `--host ${host}: no such address or host name`,
      EAI_AGAIN: `--host ${host}: the host name cannot be resolved`,
      EADDRNOTAVAIL: `--host ${host}: not an address of this machine`,
      EADDRINUSE: `--port ${port}: already in use on ${host} (--port 0 picks a free one)`,
      EACCES: `--port ${port}: not allowed on ${host} (ports below 1024 need privileges)`,
    };
    const message = why[(err as NodeJS.ErrnoException).code ?? ""];
    if (message === undefined) throw err;
    throw new UsageError(message);
  }
}
