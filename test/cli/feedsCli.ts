/**
 * `newsdigest` as a newcomer runs it: a real process with a fresh DATA_DIR of its own, the repo's
 * config (plus an optional local.yaml), times in UTC, nothing else from the environment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, type CliRun } from '../helpers/runCli.js';
import { makeTempConfig, type TempConfig } from '../helpers/tempConfig.js';

export interface Newcomer {
  dataDir: string;
  run(...args: string[]): Promise<CliRun>;
  cleanup(): void;
}

export function newcomer(localYaml?: string): Newcomer {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'newsdigest-newcomer-'));
  const config: TempConfig = makeTempConfig(localYaml === undefined ? {} : { localYaml });
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, NEWSDIGEST_CONFIG_DIR: config.dir, DATABASE_URL: '', TZ: 'UTC' };
  return {
    dataDir,
    run: (...args) => runCli(args, env),
    cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
      config.cleanup();
    },
  };
}

/** A test file's newcomers: `person()` makes one, `cleanup()` (after each test) removes them all. */
export function newcomers(): { person(localYaml?: string): Newcomer; cleanup(): void } {
  const made: Newcomer[] = [];
  return {
    person(localYaml) {
      const p = newcomer(localYaml);
      made.push(p);
      return p;
    },
    cleanup: () => made.splice(0).forEach((p) => p.cleanup()),
  };
}

/** "today 19:04 UTC" (or yesterday, near midnight): a time the CLI printed in words. */
export const TIME = String.raw`(?:today|yesterday|tomorrow) \d\d:\d\d UTC`;
