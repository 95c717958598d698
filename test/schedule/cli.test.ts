import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { SqliteStore } from '../../src/store/sqlStore.js';
import { silentLogger } from '../../src/observability/logger.js';
import type { Store } from '../../src/store/store.js';
import { runDigest } from '../../src/cli/digest.js';
import { runStatus } from '../../src/cli/status.js';
import { makeTempConfig, type TempConfig } from '../helpers/tempConfig.js';
import { FakeDiscord } from '../fakes/discord/index.js';
import { inheritedCliEnv, runCli } from '../helpers/runCli.js';

const VOA = 'https://feeds.example/voa.xml';
const LOCAL_YAML = `
feeds:
  - url: ${VOA}
    title: Voice of America
    topics: [ukraine-aid]
channels:
  - platform: console
    id: console
    topics: [ukraine-aid]
  - platform: discord
    id: "123456789012345678"
    topics: [ukraine-aid]
    schedule: "30 18 * * 1-5"
`;

let config: TempConfig;
let dataDir: string;
let env: NodeJS.ProcessEnv;
const NOW = new Date(Date.now() + 3_600_000);

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await SqliteStore.open(path.join(dataDir, 'newsdigest.db'), silentLogger);
  await store.migrate();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString()));
  return { out, text: () => text };
}

beforeEach(async () => {
  config = makeTempConfig({ localYaml: LOCAL_YAML });
  dataDir = mkdtempSync(path.join(tmpdir(), 'newsdigest-cli-'));
  env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  await withStore(async (store) => {
    const feed = await store.upsertFeed({ url: VOA, title: 'Voice of America', trusted: true });
    const firstSeen = new Date(NOW.getTime() - 2 * 3_600_000).toISOString();
    const { inserted } = await store.saveArticles(
      feed.id,
      [
        { guid: 'a1', link: 'https://www.voanews.com/a/us-aid-package/1.html', title: 'US announces new $425 million aid package', published: firstSeen, publishedIsFetchTime: false, author: null, summary: 'The package includes air defense.', text: null },
        { guid: 'a2', link: 'https://www.voanews.com/a/allies-meet/2.html', title: 'Allies meet in Ramstein format', published: firstSeen, publishedIsFetchTime: false, author: null, summary: null, text: null },
      ],
      firstSeen,
    );
    const quote = 'more than $58 billion';
    await store.replaceFigures(inserted[0]!.id, [
      { value: 58e9, value_max: null, unit: 'USD', qualifier: 'more_than', category: 'aid', actor: 'United States', cumulative: true, status: null, since: null, event: null, quote, start: 0, end: quote.length, sentence: `The US has given ${quote} in security assistance.` },
    ]);
  });
});
afterEach(() => {
  config.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('newsdigest digest', () => {
  it('--dry-run prints the articles not yet digested (title, source, time, link, key figures) and records nothing', async () => {
    const { out, text } = capture();

    const code = await runDigest({ dryRun: true, configDir: config.dir, env, out, now: () => NOW });

    expect(code).toBe(0);
    const printed = text();
    expect(printed).toContain('US announces new $425 million aid package');
    expect(printed).toContain('Allies meet in Ramstein format');
    expect(printed).toContain('Voice of America');
    expect(printed).toContain('https://www.voanews.com/a/us-aid-package/1.html');
    expect(printed).toMatch(/more than \$58 billion/);
    expect(printed).toMatch(/dry run: 2 articles for console:console; nothing was recorded or sent/);
    // Nothing changed: no digest, and the config channels were not even written.
    await withStore(async (store) => {
      expect(await store.listDigests('console:console', 10)).toEqual([]);
      expect(await store.listChannels()).toEqual([]);
    });
  });

  it('without --dry-run records the digest and posts it to the console once; the next run finds nothing new', async () => {
    const first = capture();
    expect(await runDigest({ configDir: config.dir, env, out: first.out, now: () => NOW })).toBe(0);
    expect(first.text()).toContain('US announces new $425 million aid package');
    expect(first.text()).toMatch(/Posted a digest of 2 articles in 1 message to console:console\./);

    const second = capture();
    expect(await runDigest({ configDir: config.dir, env, out: second.out, now: () => new Date(NOW.getTime() + 120_000) })).toBe(0);
    expect(second.text()).toMatch(/^Nothing new for console:console since /);
    expect(second.text()).not.toContain('aid package');

    await withStore(async (store) => {
      const digests = await store.listDigests('console:console', 10);
      expect(digests).toHaveLength(1);
      expect(digests[0]).toMatchObject({ status: 'sent', sentParts: 1 });
      expect(digests[0]!.articleIds).toHaveLength(2);
    });
  });

  it('a Discord channel without Discord credentials is refused clearly and nothing is recorded', async () => {
    const { out, text } = capture();

    const code = await runDigest({ channel: 'discord:123456789012345678', configDir: config.dir, env, out, now: () => NOW });

    expect(code).toBe(1);
    expect(text()).toMatch(/Cannot post to discord:123456789012345678: this process has no discord connection \(set DISCORD_TOKEN and DISCORD_APPLICATION_ID\)\. Nothing was recorded\./);
    await withStore(async (store) => expect(await store.listDigests('discord:123456789012345678', 10)).toEqual([]));
  });

  it('with Discord credentials, a Discord channel gets its digest through the Discord API', async () => {
    const discord = await FakeDiscord.start({ guilds: [{ id: '510000000000000001', channels: [{ id: '123456789012345678' }] }] });
    try {
      const { out, text } = capture();
      const withDiscord = { ...env, DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_BASE: discord.apiBase };

      const code = await runDigest({ channel: 'discord:123456789012345678', configDir: config.dir, env: withDiscord, out, now: () => NOW });

      expect(text()).toMatch(/^Posted a digest of 2 articles in 1 message to discord:123456789012345678\.\n$/);
      expect(code).toBe(0);
      const [posted] = discord.messages('123456789012345678');
      expect(JSON.stringify(posted)).toContain('US announces new $425 million aid package');
      expect(discord.messages('123456789012345678')).toHaveLength(1);
    } finally {
      await discord.close();
    }
  });

  it('--dry-run works for a channel of any platform, printing its text rendering', async () => {
    const { out, text } = capture();
    expect(await runDigest({ channel: 'discord:123456789012345678', dryRun: true, configDir: config.dir, env, out, now: () => NOW })).toBe(0);
    expect(text()).toContain('Allies meet in Ramstein format');
  });

  it('a malformed or unknown channel id is an error that names the expected form or the known channels', async () => {
    await expect(runDigest({ channel: 'general', configDir: config.dir, env, now: () => NOW })).rejects.toThrow(/--channel: expected platform:id, e\.g\. console:console/);
    await expect(runDigest({ channel: 'slack:C0NOPE', dryRun: true, configDir: config.dir, env, now: () => NOW })).rejects.toThrow(
      /there is no channel slack:C0NOPE; known channels: console:console, discord:123456789012345678/,
    );
  });

  it('the newsdigest command line runs `digest --dry-run`', async () => {
    const result = await runCli(['digest', '--dry-run'], inheritedCliEnv({ ...env, NEWSDIGEST_CONFIG_DIR: config.dir }));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('US announces new $425 million aid package');
  }, 60_000);
});

describe('newsdigest status', () => {
  it('lists channels with schedule, next run and last digest, failing deliveries, and failing feeds', async () => {
    await runDigest({ configDir: config.dir, env, out: new PassThrough(), now: () => NOW });
    await withStore(async (store) => {
      const key = 'discord:123456789012345678';
      const base = { channelKey: key, payload: [{ content: 'x' }], articleIds: [1], periodStart: '2030-01-01T00:00:00.000Z' };
      const failed = await store.recordDigest({ ...base, slot: '2030-01-01T18:30:00.000Z', periodEnd: '2030-01-01T18:30:00.000Z' }, NOW.toISOString());
      await store.markDigestFailed(failed.digest.id, 'chat API answered 404 Unknown Channel', NOW.toISOString(), true);
      const pending = await store.recordDigest({ ...base, slot: '2030-01-02T18:30:00.000Z', periodEnd: '2030-01-02T18:30:00.000Z' }, NOW.toISOString());
      await store.markDigestFailed(pending.digest.id, 'chat API answered 503', '2030-01-02T18:31:00.000Z', false);
      const feed = await store.upsertFeed({ url: 'https://broken.example/feed.xml', trusted: true });
      await store.recordFetch(feed.id, { lastStatus: 500, lastError: 'HTTP 500 Internal Server Error', fetchedAt: NOW.toISOString(), consecutiveFailures: 3, nextPollAt: new Date(NOW.getTime() + 3_600_000).toISOString() });
    });
    const { out, text } = capture();

    const report = await runStatus({ configDir: config.dir, env, out, now: () => NOW });

    const printed = text();
    expect(printed).toMatch(/console:console \[config\]\n {4}schedule "0 8 \* \* \*" \(at 08:00, every day, UTC\); next digest (today|tomorrow) 08:00 UTC\n/);
    expect(printed).toMatch(/console:console[\s\S]*last digest .*: sent .*\(2 articles, 1 message\)/);
    expect(printed).toMatch(/discord:123456789012345678 \[config\]\n {4}schedule "30 18 \* \* 1-5" \(at 18:30, Monday through Friday, UTC\); next digest [^\n]+ 18:30 UTC — not served: no discord credentials in this environment/);
    expect(printed).toMatch(/! last digest of Wed 2 Jan 2030, 18:30 UTC: PENDING, 1 failed attempt, 0\/1 messages out, last error: chat API answered 503; next attempt Wed 2 Jan 2030, 18:31 UTC/);
    expect(printed).toMatch(/! earlier digest of Tue 1 Jan 2030, 18:30 UTC: FAILED after 1 attempt \(1 article, 1 message\): chat API answered 404 Unknown Channel/);
    expect(printed).toMatch(/Feeds: 2, failing: 1\n {2}! https:\/\/broken\.example\/feed\.xml: 3 failures in a row \(HTTP 500\): HTTP 500 Internal Server Error/);
    expect(report.channels.find((c) => c.key === 'discord:123456789012345678')!.failures.map((f) => f.status)).toEqual(['pending', 'failed']);
  });

  it('--json prints the same report as JSON', async () => {
    const { out, text } = capture();
    const report = await runStatus({ json: true, configDir: config.dir, env, out, now: () => NOW });
    expect(JSON.parse(text())).toEqual(JSON.parse(JSON.stringify(report)));
    // Config channels not started yet are listed with their config.
    expect(report.channels.map((c) => [c.key, c.origin])).toEqual([
      ['console:console', 'config (not started yet)'],
      ['discord:123456789012345678', 'config (not started yet)'],
    ]);
  });
});
