import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ADMIN_URL, createTempDatabase } from '../helpers/postgres.js';
import { repoRoot } from '../helpers/tempConfig.js';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A clean environment: no chat credentials, no PostgreSQL, a temp DATA_DIR. */
function cleanEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info' };
  for (const k of Object.keys(env)) if (/^(DISCORD|SLACK)_/.test(k)) delete env[k];
  return env;
}

function startServe(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; port: number; logs: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0'], { cwd: repoRoot, env: { ...cleanEnv(dataDir), ...extraEnv } });
  children.push(child);
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${logs.join('\n')}`)), 60_000);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        logs.push(line);
        const port = /"port":(\d+)/.exec(line)?.[1];
        if (port && line.includes('newsdigest is running')) {
          clearTimeout(timer);
          resolve({ child, port: Number(port), logs });
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${logs.join('\n')}`)));
  });
}

describe('newsdigest serve', () => {
  it('answers /healthz and /metrics, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'newsdigest-serve-'));
    dirs.push(dataDir);
    const { child, port, logs } = await startServe(dataDir);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', scheduler: 'ok' });

    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await metrics.text();
    for (const name of ['newsdigest_articles_ingested_total', 'newsdigest_figures_extracted_total', 'newsdigest_feed_fetch_seconds', 'newsdigest_digests_sent_total', 'newsdigest_command_seconds']) {
      expect(text).toContain(name);
    }
    expect((await fetch(`http://127.0.0.1:${port}/nowhere`)).status).toBe(404);
    // Without chat credentials the chat endpoints are not mounted.
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    expect(logs.join('\n')).toContain('"platforms":["console"]');
  });

  it('/healthz answers 503 naming the database while PostgreSQL refuses connections, and 200 once it is back', async () => {
    const db = await createTempDatabase();
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'newsdigest-serve-'));
      dirs.push(dataDir);
      const { child, port } = await startServe(dataDir, { DATABASE_URL: db.url });
      const health = async () => {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        return { status: res.status, body: (await res.json()) as { status: string; database: string; scheduler: string } };
      };
      expect(await health()).toEqual({ status: 200, body: { status: 'ok', database: 'ok', scheduler: 'ok' } });

      // The outage: no new connections, and the ones the bot holds are cut.
      await admin.query(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [db.name]);
      const down = await health();
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'unhealthy', scheduler: 'ok', database: expect.stringMatching(/^unreachable: /) });

      await admin.query(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS true`);
      expect(await health()).toEqual({ status: 200, body: { status: 'ok', database: 'ok', scheduler: 'ok' } });
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    } finally {
      await admin.query(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
      await db.drop();
    }
  });

  it('refuses half-set chat credentials at start-up, naming what is missing', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'newsdigest-serve-'));
    dirs.push(dataDir);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0'], {
      cwd: repoRoot,
      env: { ...cleanEnv(dataDir), SLACK_SIGNING_SECRET: 'x' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/missing SLACK_BOT_TOKEN/);
  });
});

describe('newsdigest --help', () => {
  it('lists every command', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--help'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    for (const cmd of ['serve', 'demo', 'ingest', 'extract', 'reextract', 'digest', 'status', 'ask', 'register-commands']) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
    }
  });
});
