/**
 * Two workers of `newsdigest serve` (openRuntime + startApp each, one PostgreSQL) poll two feeds
 * that carry the same crossings; whichever stores a crossing report first fires, the other finds the
 * alert moved on, and the outbox lease lets one of them post. Each crossing reaches Slack once.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startApp, type RunningApp } from '../../src/app/startApp.js';
import { silentLogger } from '../../src/observability/logger.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { FakeSlack } from '../fakes/slack/fakeSlack.js';
import { createTempDatabase, type TempDatabase } from '../helpers/postgres.js';
import { repoRoot } from '../helpers/tempConfig.js';
import { aidReport, startFeedWorld, type FeedWorld } from './world.js';

const CHANNEL = 'C0REPLICA1';
let db: TempDatabase;
let slack: FakeSlack;
let feeds: FeedWorld[];
let dir: string;
const workers: Array<{ rt: Runtime; app: RunningApp }> = [];
let offsetMs = 0;

beforeEach(async () => {
  db = await createTempDatabase('newsdigest_alerts');
  slack = await FakeSlack.start();
  slack.addChannel(CHANNEL);
  feeds = [await startFeedWorld('Wire A'), await startFeedWorld('Wire B')];
  dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-alert-replicas-'));
});
afterEach(async () => {
  for (const w of workers.splice(0)) {
    await w.app.stop();
    await w.rt.close();
  }
  await Promise.allSettled([slack.close(), ...feeds.map((f) => f.close())]);
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function startWorker(name: string): Promise<void> {
  const configDir = path.join(dir, 'config');
  mkdirSync(configDir, { recursive: true });
  copyFileSync(path.join(repoRoot, 'config/default.yaml'), path.join(configDir, 'default.yaml'));
  writeFileSync(
    path.join(configDir, 'local.yaml'),
    stringify({
      feeds: feeds.map((f) => ({ url: f.url, topics: ['ukraine-aid'] })),
      channels: [{ platform: 'slack', id: CHANNEL, workspaceId: slack.teamId, topics: ['ukraine-aid'], alerts: [{ measure: 'US aid to Ukraine', when: 'above', value: '70bn' }] }],
      ingest: { pollIntervalMinutes: 1 },
    }),
  );
  const env = { DATABASE_URL: db.url, DATA_DIR: path.join(dir, name), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: slack.signingSecret, SLACK_API_URL: slack.apiUrl };
  const rt = await openRuntime({ configDir, env, dotenv: false, logger: silentLogger });
  const app = await startApp(rt, { port: 0, host: '127.0.0.1', owner: name, poller: { now: () => new Date(Date.now() + offsetMs), tickMs: 30 }, scheduler: { passIntervalMs: 200 } });
  workers.push({ rt, app });
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const alertPosts = () => slack.posts.filter((p) => p.channel === CHANNEL);

describe('alerts with two workers on PostgreSQL', () => {
  it('each crossing is posted exactly once, whichever worker stores it', async () => {
    for (const [i, f] of feeds.entries()) f.publish(aidReport(`w${i}-0`, '2024-11-01', '$66 billion'));
    await Promise.all([startWorker('worker-1'), startWorker('worker-2')]);
    const store = workers[0]!.rt.store;
    await waitFor(async () => (await store.countArticles()) === 2, 'the first reports');
    expect(await store.listAlerts()).toHaveLength(1);

    const rounds = [
      ['2024-11-02', '$71 billion'],
      ['2024-11-03', '$69 billion'],
      ['2024-11-04', '$72 billion'],
      ['2024-11-05', '$68 billion'],
      ['2024-11-06', '$75 billion'],
    ] as const;
    let expectedPosts = 0;
    for (const [round, [day, amount]] of rounds.entries()) {
      for (const [i, f] of feeds.entries()) f.publish(aidReport(`w${i}-${round + 1}`, day, amount));
      offsetMs += 2 * 60_000;
      await waitFor(async () => (await store.countArticles()) === 2 * (round + 2), `round ${round + 1} stored`);
      if (parseFloat(amount.slice(1)) > 70) expectedPosts++;
      await waitFor(() => alertPosts().length >= expectedPosts, `post ${expectedPosts}`);
    }
    // Time for a late duplicate to show up, had one been recorded or leased twice.
    await new Promise((r) => setTimeout(r, 1000));
    expect(alertPosts().map((p) => p.text)).toEqual([
      'Alert: total aid (United States) went above $70 billion: more than $71 billion',
      'Alert: total aid (United States) went above $70 billion: more than $72 billion',
      'Alert: total aid (United States) went above $70 billion: more than $75 billion',
    ]);
    const [alert] = await store.listAlerts();
    expect((await store.listAlertFirings(alert!.id, 10)).map((f) => f.status)).toEqual(['sent', 'sent', 'sent']);
  });
});
