/**
 * The SQLite database locked by another process (a second newsdigest, an operator's sqlite3 shell)
 * holding BEGIN IMMEDIATE: a short lock is waited out or retried and the work succeeds; a lock held
 * past the busy timeout and every retry is a clear error, and nothing is half-written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { ingestFeed } from '../../src/ingest/ingestFeed.js';
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import { createLogger, silentLogger, type Logger } from '../../src/observability/logger.js';
import { SqliteStore, type SqliteStoreOptions } from '../../src/store/sqlStore.js';
import type { ChannelRecord, DigestInput } from '../../src/store/store.js';
import { repoRoot } from '../helpers/tempConfig.js';

const SAMPLE_FEED = path.join(repoRoot, 'examples/sample-feed.xml');
const config: Config = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;

let dir: string;
let file: string;
const stores: SqliteStore[] = [];
const holders: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-busy-'));
  file = path.join(dir, 'newsdigest.db');
});

afterEach(async () => {
  for (const h of holders.splice(0)) if (h.exitCode === null) h.kill('SIGKILL');
  for (const s of stores.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openStore(options: SqliteStoreOptions = {}, logger: Logger = silentLogger): Promise<SqliteStore> {
  const store = await SqliteStore.open(file, logger, options);
  await store.migrate();
  stores.push(store);
  return store;
}

/** Another process takes the write lock and keeps it `holdMs`; resolves once it holds it. */
async function holdWriteLock(holdMs: number): Promise<{ process: ChildProcess; released: Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/faults/lockHolder.ts'), file, String(holdMs)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  holders.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const released = new Promise<string>((resolve) => child.once('exit', () => resolve(out)));
  const deadline = Date.now() + 20_000;
  while (!out.includes('LOCKED')) {
    if (child.exitCode !== null) throw new Error(`the lock holder exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error('the lock holder did not take the lock in time');
    await new Promise((r) => setTimeout(r, 20));
  }
  return { process: child, released };
}

function capturingLogger(): { logger: Logger; lines: () => Array<{ msg: string; level: string }> } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    logger: createLogger({ level: 'warn', destination: sink }),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { msg: string; level: string }),
  };
}

async function slackChannel(store: SqliteStore): Promise<ChannelRecord> {
  return store.upsertChannel({ platform: 'slack', externalId: 'C0BUSY0001', workspaceId: null, schedule: '0 8 * * *', timezone: 'UTC', maxArticles: 25, postWhenEmpty: false, origin: 'config' });
}

const digestFor = (channel: ChannelRecord): DigestInput => ({
  channelKey: channel.key,
  slot: '2025-06-01T08:00:00.000Z',
  payload: [{ text: 'Digest of the day' }],
  articleIds: [],
  periodStart: '2025-05-31T08:00:00.000Z',
  periodEnd: '2025-06-01T08:00:00.000Z',
});

describe('the database locked by another process', () => {
  it('for 2 s during ingestion: ingest waits, then stores every article with its figures, and the other write is kept too', async () => {
    const store = await openStore();
    const lock = await holdWriteLock(2000);
    expect(lock.process.exitCode).toBeNull();

    const [result] = await ingestFeeds({ store, config, logger: silentLogger }, { feeds: [SAMPLE_FEED] });

    expect(result).toMatchObject({ status: 'ok', items: 5, new: 3, backlog: 2, error: null });
    expect(await store.countArticles()).toBe(5);
    expect((await store.findFigures({ limit: 100 })).length).toBeGreaterThan(0);
    expect(await lock.released).toContain('RELEASED');
    expect(await store.tryAcquireLease('lock-holder', 'someone-else', 1000, new Date().toISOString())).toBe(false);
  });

  it('for 2 s, longer than the busy timeout: recordDigest is retried and records the digest once', async () => {
    const { logger, lines } = capturingLogger();
    const store = await openStore({ busyTimeoutMs: 200, busyRetries: 8 }, logger);
    const channel = await slackChannel(store);
    const lock = await holdWriteLock(2000);
    expect(lock.process.exitCode).toBeNull();

    const { digest, created } = await store.recordDigest(digestFor(channel), new Date().toISOString());

    expect(created).toBe(true);
    expect(await store.listDigests(channel.key, 10)).toEqual([digest]);
    expect(lines().some((l) => l.msg === 'SQLite database busy; retrying')).toBe(true);
    await lock.released;
  });

  it('past the busy timeout and every retry: recordDigest fails with an error naming the lock, and no digest is recorded', async () => {
    const store = await openStore({ busyTimeoutMs: 100, busyRetries: 2 });
    const channel = await slackChannel(store);
    const lock = await holdWriteLock(6000);

    await expect(store.recordDigest(digestFor(channel), new Date().toISOString())).rejects.toThrow(/stayed locked by another process \(recordDigest/);

    await lock.released;
    expect(await store.listDigests(channel.key, 10)).toEqual([]);
    // The lock gone, the same call succeeds: nothing was left behind that gets in its way.
    expect((await store.recordDigest(digestFor(channel), new Date().toISOString())).created).toBe(true);
  });

  it('past the busy timeout and every retry during ingestion: the feed is reported failed with that reason, nothing is stored, and it stays due', async () => {
    const store = await openStore({ busyTimeoutMs: 100, busyRetries: 2 });
    const feed = await store.upsertFeed({ url: SAMPLE_FEED, trusted: true });
    const lock = await holdWriteLock(6000);

    const result = await ingestFeed(feed, { store, config, logger: silentLogger });

    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/^storing the articles failed: .*stayed locked by another process/);
    await lock.released;
    expect(await store.countArticles()).toBe(0);
    expect(await store.findFigures({ limit: 10 })).toEqual([]);
    // Its fetch state could not be written either, so the poller takes it again at once.
    expect((await store.getFeedById(feed.id))?.nextPollAt).toBeNull();
  });
});
