#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { VERSION } from "../app/version.js";
import { registerAlerts } from "./alerts.js";
import { registerAssess } from "./assess.js";
import { registerCapture } from "./capture.js";
import { registerDiff } from "./diff.js";
import { EXIT_BAD_INPUT, UsageError } from "./exit-codes.js";
import { registerFirewall } from "./firewall.js";
import { registerGenerate } from "./generate.js";
import { registerHistory } from "./history.js";
import { registerRequirements } from "./requirements.js";
import { registerInit } from "./init.js";
import { registerRules } from "./rules.js";
import { registerSchema } from "./schema.js";
import { registerValidate } from "./validate.js";
import { registerVulns } from "./vulns.js";
import { registerWatch } from "./watch.js";

const program = new Command("otaudit")
  .description("Passive, offline IEC 62443 assessment of industrial control systems")
  .version(VERSION, "-V, --version")
  .showHelpAfterError()
  .exitOverride();

for (const register of [
  registerInit,
  registerValidate,
  registerAssess,
  registerSchema,
  registerRules,
  registerHistory,
  registerDiff,
  registerRequirements,
  registerCapture,
  registerGenerate,
  registerVulns,
  registerFirewall,
  registerWatch,
  registerAlerts,
]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version end here with code 0; usage errors were already printed by commander.
    process.exit(err.exitCode === 0 ? 0 : EXIT_BAD_INPUT);
  }
  if (err instanceof UsageError) {
    process.stderr.write(`otaudit: ${err.message}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  throw err;
}
