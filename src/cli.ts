#!/usr/bin/env node
/** `newsdigest`: every command of the bot. Each command lives in src/cli/<name>.ts. */
import { Command, CommanderError } from 'commander';
import { ConfigError } from './config/load.js';
import { CLI_COMMANDS } from './cli/index.js';
import { exitQuietlyOnClosedPipe } from './cli/quietPipe.js';

export function buildProgram(): Command {
  const program = new Command('newsdigest')
    .description('Turns news feeds into key figures and digests for Discord, Slack or the console.')
    .version('0.1.0')
    .showHelpAfterError();
  for (const register of CLI_COMMANDS) register(program);
  return program;
}

async function main(): Promise<void> {
  exitQuietlyOnClosedPipe();
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    if (err instanceof ConfigError) {
      console.error(`newsdigest: bad configuration\n${err.message}`);
      process.exit(2);
    }
    console.error(`newsdigest: ${(err as Error).message}`);
    process.exit(1);
  }
}

await main();
