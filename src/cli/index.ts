/** The list of CLI commands; each module registers one command (or a small family) on the program. */
import type { Command } from 'commander';
import { registerServe } from './serve.js';
import { registerDemo } from './demo.js';
import { registerRegisterCommands } from './registerCommands.js';
import { registerDigest } from './digest.js';
import { registerStatus } from './status.js';
import { registerIngest } from './ingest.js';
import { registerAsk } from './ask.js';
import { registerExtract } from './extract.js';
import { registerReextract } from './reextract.js';
import { registerChart } from './chart.js';
import { registerFeeds } from './feeds.js';
import { registerAlerts } from './alerts.js';

export type RegisterCommand = (program: Command) => void;

export const CLI_COMMANDS: RegisterCommand[] = [
  // Each area adds its registration here: ingest, extract, reextract, digest, status, ask,
  // register-commands, serve, demo.
  registerServe,
  registerDemo,
  registerRegisterCommands,
  registerDigest,
  registerStatus,
  registerIngest,
  registerAsk,
  registerExtract,
  registerReextract,
  registerChart,
  registerFeeds,
  registerAlerts,
];
