#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { VERSION } from "../app/version.js";
import { EXIT_BAD_INPUT } from "./exit-codes.js";
import { reportFailure } from "./failure.js";

type Register = (program: Command) => void;

/**
 * Every command, loaded on demand: a command's modules (the capture engine, the OUI table, the report
 * renderer) cost start-up time that other commands should not pay. Help lists load them all.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  init: async () => (await import("./init.js")).registerInit,
  validate: async () => (await import("./validate.js")).registerValidate,
  assess: async () => (await import("./assess.js")).registerAssess,
  capture: async () => (await import("./capture.js")).registerCapture,
  firewall: async () => (await import("./firewall.js")).registerFirewall,
  vulns: async () => (await import("./vulns.js")).registerVulns,
  requirements: async () => (await import("./requirements.js")).registerRequirements,
  diff: async () => (await import("./diff.js")).registerDiff,
  history: async () => (await import("./history.js")).registerHistory,
  watch: async () => (await import("./watch.js")).registerWatch,
  alerts: async () => (await import("./alerts.js")).registerAlerts,
  rules: async () => (await import("./rules.js")).registerRules,
  schema: async () => (await import("./schema.js")).registerSchema,
  serve: async () => (await import("./serve.js")).registerServe,
  "generate-capture": async () => (await import("./generate.js")).registerGenerate,
};

const program = new Command("otaudit")
  .description("Passive, offline IEC 62443 assessment of industrial control systems")
  .version(VERSION, "-V, --version")
  .option("--debug", "show the stack trace of an internal error")
  .showHelpAfterError()
  .exitOverride();

const debug = () => program.opts<{ debug?: boolean }>().debug === true || process.argv.includes("--debug");
const fail = (err: unknown) => process.exit(reportFailure(err, debug()));
// Errors that escape a command after it returned (a server's, a watcher's) end the same way.
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

const requested = process.argv.slice(2).find((arg) => arg !== "--debug");
const wanted =
  requested === "--version" || requested === "-V"
    ? []
    : requested !== undefined && requested in COMMANDS
      ? [requested]
      : Object.keys(COMMANDS);

try {
  for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) register(program);
  await program.parseAsync(process.argv);
} catch (err) {
  // --help and --version end here with code 0; usage errors were already printed by commander.
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : EXIT_BAD_INPUT);
  fail(err);
}
