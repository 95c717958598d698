/**
 * Idle RSS of `newsdigest serve` (the built CLI, as deployed): SQLite in a temp folder, the
 * default config (the bundled sample feed, the console channel), no chat credentials. Read from
 * /proc once the first poll is done and the worker threads have had time to stop.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const IDLE_SECONDS = 10;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

export async function serveIdleRss(bin: string): Promise<{ rssMb: number; idleSeconds: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-bench-serve-'));
  const repoRoot = path.resolve(path.dirname(bin), '..');
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: '', NEWSDIGEST_CONFIG_DIR: path.join(repoRoot, 'config') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('serve did not finish its first poll within 60 s')), 60_000);
      child.once('exit', (code) => reject(new Error(`serve exited (${code}) before its first poll`)));
      createInterface({ input: child.stderr! }).on('line', (line) => {
        if (line.includes('"feed ingested"') || line.includes('"feed failed"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    return { rssMb: rssMb(child.pid!), idleSeconds: IDLE_SECONDS };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
