/**
 * `newsdigest` as a newcomer runs it: a real process with a fresh DATA_DIR of its own, the repo's
 * config (plus an optional local.yaml), times in UTC, nothing else from the environment.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTempConfig, repoRoot, type TempConfig } from '../helpers/tempConfig.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

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
    run: (...args) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      }),
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
