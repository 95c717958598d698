/**
 * `newsdigest <args>` as a user runs it: a child process on src/cli.ts (node --import tsx), run to
 * the end, with what it printed on each stream.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './tempConfig.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * This process's environment, inherited (unlike the clean PATH-and-HOME environments of
 * test/faults/cliProcess.ts and bench/load/botProcess.ts): quiet, on SQLite and the repo's config
 * unless `vars` say otherwise, and without chat credentials, so nothing a test runs can post to a
 * real Discord or Slack.
 */
export function inheritedCliEnv(vars: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEWSDIGEST_CONFIG_DIR: path.join(repoRoot, 'config'), LOG_LEVEL: 'silent', DATABASE_URL: '', ...vars };
  for (const k of Object.keys(env)) if (/^(DISCORD|SLACK)_/.test(k)) delete env[k];
  return env;
}

/** Runs `newsdigest <args>` in the repo with `env`; `stdin`, when given, is written to it and closed. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), ...args], {
      cwd: repoRoot,
      env,
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}
