/**
 * The bot as its own process: `node --import tsx src/cli.ts <command>` from the repository root,
 * with exactly the environment given (nothing inherited but PATH and HOME, so no stray .env or
 * DATABASE_URL changes what is measured). Its JSON log lines (stderr) are read as they come.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface LogLine {
  level: string;
  msg: string;
  [key: string]: unknown;
}

/** A line of one event: its message, or the message followed by its details ("digest sent to console:console (slot ...)"). */
export function isEvent(line: LogLine, msg: string): boolean {
  return line.msg === msg || (typeof line.msg === 'string' && line.msg.startsWith(`${msg} `));
}

export interface BotProcess {
  child: ChildProcess;
  /** Every JSON log line so far. */
  logs: LogLine[];
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Resolves with the first log line matching, or rejects when the process exits first or time runs out. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine>;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

export function cliEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...vars };
}

/** `nodeArgs` go to node itself (e.g. --cpu-prof to profile the bot). */
export function startCli(args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = []): BotProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: LogLine[] = [];
  const listeners = new Set<() => void>();
  let pending = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    pending += chunk;
    let at: number;
    while ((at = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, at);
      pending = pending.slice(at + 1);
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: 'text', msg: line });
      }
    }
    for (const listener of [...listeners]) listener();
  });
  // stdout must be drained too, or a chatty child blocks on a full pipe.
  child.stdout!.setEncoding('utf8');
  const stdout: string[] = [];
  child.stdout!.on('data', (chunk: string) => stdout.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
    for (const listener of [...listeners]) listener();
  });

  return {
    child,
    logs,
    stdout: () => stdout.join(''),
    exited,
    waitForLog(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = logs.find(match);
          if (found) return finish(() => resolve(found));
          if (exitCode !== undefined) {
            const tail = logs.slice(-5).map((l) => `${l.level} ${l.msg}${l.err ? ` ${JSON.stringify(l.err)}` : ''}`).join('\n');
            return finish(() => reject(new Error(`the bot exited (code ${exitCode}) before it logged what we waited for:\n${tail}\n${stdout.join('')}`)));
          }
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`the bot did not log what we waited for within ${timeoutMs} ms`))), timeoutMs);
        const finish = (then: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          then();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 10_000) {
      if (exitCode !== undefined) return exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
