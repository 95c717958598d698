import { answer, EMPTY_QUESTION_REPLY } from '../../src/answers/answer.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { SqliteStore } from '../../src/store/sqlStore.js';
import type { Store } from '../../src/store/store.js';
import { handleCommand, type CommandDeps } from '../../src/commands/handleCommand.js';
import type { Invocation } from '../../src/commands/command.js';
import { silentLogger } from '../../src/observability/logger.js';
import { repoRoot } from '../helpers/tempConfig.js';
import { chartReply } from '../../src/charts/chartReply.js';
import { seedAidSeries } from '../helpers/aidSeries.js';
import { decodePng } from '../helpers/decodePng.js';

let store: Store;
let config: Config;
let deps: CommandDeps;
let changed: string[];
let posted: string[];
let checkedUrls: string[];

const NOW = new Date('2026-11-22T10:00:00Z');

beforeEach(async () => {
  config = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;
  store = await SqliteStore.open(':memory:', silentLogger);
  await store.migrate();
  changed = [];
  posted = [];
  checkedUrls = [];
  deps = {
    store,
    config,
    logger: silentLogger,
    now: () => NOW,
    answer: async (q) => ({ text: `answer to ${q}`, figure: null, article: null, history: [] }),
    figuresText: async (topic) => `figures for ${topic ?? 'all'}`,
    suggest: async (kind, typed) => [{ name: `${kind}: ${typed}`, value: typed }],
    chart: (measure, platform) => chartReply(measure, platform, { store, config }),
    postDigestNow: async (channel) => {
      posted.push(channel.key);
      return 'posted';
    },
    // The real check resolves DNS (src/feeds/urlSafety.ts); here only its verdict matters.
    checkFeedUrl: async (url) => {
      checkedUrls.push(url);
      return url.includes('127.0.0.1') ? 'it resolves to a loopback address (127.0.0.1)' : null;
    },
    // The real look-up fetches (src/feeds/lookUpFeed.ts, tested against the fake feed server); here
    // a URL ending in /page is a web page naming its feed, /gone a URL that cannot be fetched.
    lookUpFeed: async (url) => {
      if (url.endsWith('/gone')) return { ok: false, reason: 'HTTP 404 Not Found' };
      if (url.endsWith('/page')) return { ok: true, url: url.replace(/\/page$/, '/feed.xml'), discoveredFrom: url, title: 'Page News' };
      return { ok: true, url, discoveredFrom: null, title: null };
    },
    onChannelChanged: (key) => changed.push(key),
  };
});
afterEach(async () => store.close());

const inv = (over: Partial<Invocation>): Invocation => ({
  platform: 'discord',
  channelId: 'C1',
  workspaceId: 'G1',
  userId: 'U1',
  command: 'digest',
  subcommand: null,
  args: {},
  isAdmin: true,
  ...over,
});

async function storeSnapshot() {
  const channels = await store.listChannels();
  const subs = await Promise.all(channels.map((c) => store.listSubscriptions(c.key)));
  return { channels, subs, feeds: await store.listFeeds() };
}

describe('commands from any platform', () => {
  it('/ask answers publicly from the answers module when it has a figure', async () => {
    const figure = { value: 1, value_max: null, unit: 'USD', qualifier: 'exact' as const, category: 'aid', actor: null, cumulative: true, quote: '$1' };
    deps.answer = async (q) => ({ text: `answer to ${q}`, figure, article: { title: 't', source: 's', link: null, published: '2024-01-01' }, history: [] });
    const reply = await handleCommand(inv({ command: 'ask', args: { question: 'total aid to date' }, isAdmin: false }), deps);
    expect(reply).toMatchObject({ text: 'answer to total aid to date', ephemeral: false });
  });

  it('/ask with no figure to give answers privately', async () => {
    const reply = await handleCommand(inv({ command: 'ask', args: { question: 'penguins counted' }, isAdmin: false }), deps);
    expect(reply).toMatchObject({ text: 'answer to penguins counted', ephemeral: true });
  });

  it('/ask without a question replies privately with examples of what to ask', async () => {
    deps.answer = (q, tz) => answer(q, { store, config }, { timezone: tz });
    const reply = await handleCommand(inv({ command: 'ask', args: {} }), deps);
    expect(reply).toEqual({ text: EMPTY_QUESTION_REPLY, ephemeral: true });
  });

  it('while an option is typed, replies with its suggestions and runs nothing', async () => {
    const reply = await handleCommand(inv({ command: 'ask', args: { question: 'total ai' }, focused: 'question', isAdmin: false }), deps);
    expect(reply).toEqual({ text: '', ephemeral: true, choices: [{ name: 'questions: total ai', value: 'total ai' }] });
    const topic = await handleCommand(inv({ command: 'figures', args: { topic: 'war' }, focused: 'topic', isAdmin: false }), deps);
    expect(topic.choices).toEqual([{ name: 'topics: war', value: 'war' }]);
  });

  it('a non-admin running an admin command is refused, told the permission, and nothing changes', async () => {
    const before = await storeSnapshot();
    for (const [subcommand, args] of [
      ['subscribe', { target: 'ukraine-aid' }],
      ['unsubscribe', { target: 'ukraine-aid' }],
      ['schedule', { cron: '0 9 * * *' }],
      ['feeds', {}],
      ['status', {}],
    ] as const) {
      const reply = await handleCommand(inv({ subcommand, args, isAdmin: false }), deps);
      expect(reply.ephemeral).toBe(true);
      expect(reply.text).toMatch(/Manage Server permission \(MANAGE_GUILD\)/);
      expect(reply.text).toMatch(/Nothing was changed/);
    }
    const slack = await handleCommand(inv({ platform: 'slack', subcommand: 'subscribe', args: { target: 'ukraine-aid' }, isAdmin: false }), deps);
    expect(slack.text).toMatch(/workspace admin or owner/);
    expect(await storeSnapshot()).toEqual(before);
    expect(changed).toEqual([]);
  });

  it('/digest now is open to everyone and posts to the invoking channel', async () => {
    const reply = await handleCommand(inv({ subcommand: 'now', isAdmin: false }), deps);
    expect(reply.text).toBe('posted');
    expect(posted).toEqual(['discord:C1']);
  });

  it('subscribing to a topic creates the channel with the default schedule and reloads it', async () => {
    const reply = await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'ukraine-aid' } }), deps);
    expect(reply.text).toMatch(/Subscribed this channel to Military aid to Ukraine/);
    const channel = await store.getChannel('discord:C1');
    expect(channel).toMatchObject({ schedule: '0 8 * * *', timezone: 'UTC', origin: 'chat', workspaceId: 'G1' });
    expect(await store.listSubscriptions('discord:C1')).toMatchObject([{ kind: 'topic', value: 'ukraine-aid' }]);
    expect(changed).toEqual(['discord:C1']);
    const again = await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'ukraine-aid' } }), deps);
    expect(again.text).toMatch(/already subscribed/);
  });

  it('an unknown topic is refused with the list of topics', async () => {
    const reply = await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'cricket' } }), deps);
    expect(reply.text).toMatch(/There is no topic "cricket". Topics: ukraine-aid, ukraine-war/);
    expect(await store.listChannels()).toEqual([]);
  });

  it('a feed URL that is not http(s) is refused before any network check', async () => {
    const reply = await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'ftp://example.com/feed.xml' } }), deps);
    expect(reply.text).toMatch(/not an http\(s\) URL \(ftp is not allowed\)/);
    expect(checkedUrls).toEqual([]);
    expect(await store.listFeeds()).toEqual([]);
  });

  it('a feed URL the safety check refuses changes nothing', async () => {
    const reply = await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'http://127.0.0.1:8080/feed' } }), deps);
    expect(reply.text).toMatch(/Cannot subscribe .* loopback/);
    expect(await store.listFeeds()).toEqual([]);
    expect(await store.listChannels()).toEqual([]);
  });

  it('a feed URL is stored as an untrusted feed and subscribed', async () => {
    await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'https://news.example.org/rss' } }), deps);
    expect(await store.getFeed('https://news.example.org/rss')).toMatchObject({ trusted: false });
    expect(await store.listSubscriptions('discord:C1')).toMatchObject([{ kind: 'feed', value: 'https://news.example.org/rss' }]);
    const listing = await handleCommand(inv({ subcommand: 'feeds' }), deps);
    expect(listing.text).toBe('This channel follows:\n• feed https://news.example.org/rss: last fetch none yet; next poll due now');
    const un = await handleCommand(inv({ subcommand: 'unsubscribe', args: { target: 'https://news.example.org/rss' } }), deps);
    expect(un.text).toMatch(/Unsubscribed/);
    expect(await store.listSubscriptions('discord:C1')).toEqual([]);
  });

  it('/digest subscribe takes a topic by its name as well as its id', async () => {
    const reply = await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'military AID to Ukraine' } }), deps);
    expect(reply.text).toBe('Subscribed this channel to Military aid to Ukraine (ukraine-aid).');
    expect(await store.listSubscriptions('discord:C1')).toMatchObject([{ kind: 'topic', value: 'ukraine-aid' }]);
  });

  it('/digest subscribe of a web page follows the feed the page names', async () => {
    const reply = await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'https://news.example.org/page' } }), deps);
    expect(reply.text).toBe('https://news.example.org/page is a web page; it names the feed https://news.example.org/feed.xml (Page News). Subscribed this channel to the feed https://news.example.org/feed.xml. Its newest items will appear in the next digest.');
    expect(await store.getFeed('https://news.example.org/feed.xml')).toMatchObject({ trusted: false, title: 'Page News' });
    expect(await store.getFeed('https://news.example.org/page')).toBeNull();
    expect(await store.listSubscriptions('discord:C1')).toMatchObject([{ kind: 'feed', value: 'https://news.example.org/feed.xml' }]);
  });

  it('/digest subscribe of a URL that cannot be read as a feed changes nothing and says why', async () => {
    const reply = await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'https://news.example.org/gone' } }), deps);
    expect(reply.text).toBe('Cannot subscribe to https://news.example.org/gone: HTTP 404 Not Found. Nothing was changed.');
    expect(await storeSnapshot()).toEqual({ channels: [], subs: [], feeds: [] });
  });

  it('unsubscribing the last channel that follows a feed stops its polling, and the reply says so', async () => {
    const url = 'https://news.example.org/rss';
    await handleCommand(inv({ subcommand: 'subscribe', args: { target: url } }), deps);
    await handleCommand(inv({ channelId: 'C2', subcommand: 'subscribe', args: { target: url } }), deps);
    expect((await store.claimDueFeeds(NOW.toISOString(), 'poller', 1, 10)).map((f) => f.url)).toEqual([url]);

    const first = await handleCommand(inv({ subcommand: 'unsubscribe', args: { target: url } }), deps);
    expect(first.text).toBe(`Unsubscribed this channel from ${url}.`);
    const last = await handleCommand(inv({ channelId: 'C2', subcommand: 'unsubscribe', args: { target: url } }), deps);
    expect(last.text).toBe(`Unsubscribed this channel from ${url}. No channel follows ${url} any more, so it is no longer polled (articles already stored are kept).`);
    expect(await store.claimDueFeeds(new Date(NOW.getTime() + 60_000).toISOString(), 'poller', 1, 10)).toEqual([]);
    expect(await store.getFeed(url)).not.toBeNull();
  });

  it('/digest feeds lists every feed URL the channel reads, through its topics too, with its health', async () => {
    await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'ukraine-war' } }), deps);
    await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'https://news.example.org/rss' } }), deps);
    const feed = await store.upsertFeed({ url: 'examples/sample-feed.xml', trusted: true });
    await store.recordFetch(feed.id, { lastStatus: 500, lastError: 'HTTP 500 Internal Server Error', fetchedAt: '2026-11-22T09:30:00.000Z', consecutiveFailures: 3, nextPollAt: '2026-11-22T10:40:00.000Z' });
    const reply = await handleCommand(inv({ subcommand: 'feeds' }), deps);
    expect(reply.text).toBe(
      [
        'This channel follows:',
        '• feed https://news.example.org/rss: last fetch none yet; next poll due now',
        '• topic ukraine-war (The war in figures)',
        '   – examples/sample-feed.xml: last fetch today 09:30 UTC: FAILING (3 in a row): HTTP 500 Internal Server Error; next poll today 10:40 UTC (waiting longer after each failure)',
      ].join('\n'),
    );
  });

  it('a cron expression that does not parse is refused and the schedule is unchanged', async () => {
    await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'ukraine-aid' } }), deps);
    changed = [];
    for (const cron of ['every morning', '61 8 * * *', '0 8 * *']) {
      const reply = await handleCommand(inv({ subcommand: 'schedule', args: { cron } }), deps);
      expect(reply.ephemeral).toBe(true);
      expect(reply.text).toMatch(/cron expression|fields/);
    }
    expect((await store.getChannel('discord:C1'))?.schedule).toBe('0 8 * * *');
    expect(changed).toEqual([]);
  });

  it('an unknown time zone is refused and the schedule is unchanged', async () => {
    await handleCommand(inv({ subcommand: 'subscribe', args: { target: 'ukraine-aid' } }), deps);
    const reply = await handleCommand(inv({ subcommand: 'schedule', args: { cron: '0 9 * * 1-5', timezone: 'Mars/Olympus' } }), deps);
    expect(reply.text).toMatch(/"Mars\/Olympus" is not a known time zone/);
    expect(await store.getChannel('discord:C1')).toMatchObject({ schedule: '0 8 * * *', timezone: 'UTC' });
  });

  it('a valid schedule is stored, reloaded and reported with the next run', async () => {
    const reply = await handleCommand(inv({ subcommand: 'schedule', args: { cron: '30 7 * * 1-5', timezone: 'Europe/Kyiv' } }), deps);
    expect(await store.getChannel('discord:C1')).toMatchObject({ schedule: '30 7 * * 1-5', timezone: 'Europe/Kyiv' });
    expect(changed).toEqual(['discord:C1']);
    // 2026-11-22 is a Sunday: the next weekday 07:30 in Kyiv (UTC+2) is Monday 05:30 UTC.
    expect(reply.text).toBe(
      'Digest schedule set to "30 7 * * 1-5" (at 07:30, Monday through Friday, Kyiv time). Schedule "30 7 * * 1-5" (at 07:30, Monday through Friday, Kyiv time); next digest tomorrow 07:30 Kyiv time. No digest yet.',
    );
  });

  it('/digest status of a channel with no digest says how to start', async () => {
    const reply = await handleCommand(inv({ subcommand: 'status' }), deps);
    expect(reply.text).toMatch(/no digest yet/i);
  });

  it('/digest without a subcommand lists the subcommands', async () => {
    const reply = await handleCommand(inv({ subcommand: null }), deps);
    expect(reply.text).toMatch(/needs a subcommand: now, subscribe, unsubscribe, schedule, feeds, status/);
  });
});

describe('/figures chart:<measure>', () => {
  it('answers publicly with a 1200×675 PNG of the series and its points as the text fallback', async () => {
    await seedAidSeries(store);
    const reply = await handleCommand(inv({ command: 'figures', args: { chart: 'total US aid to Ukraine' }, isAdmin: false }), deps);
    expect(reply.ephemeral).toBe(false);
    expect(reply.chart?.filename).toBe('chart.png');
    const png = decodePng(reply.chart!.png);
    expect([png.width, png.height]).toEqual([1200, 675]);
    expect(png.inked).toBeGreaterThan(0.005);
    expect(reply.text).toBe(
      [
        'Total aid (United States), running total as reported',
        '4 Mar 2024: about $44.2 billion (Wire)',
        '12 Jun 2024: $51 billion (Wire)',
        '21 Oct 2024: more than $58 billion (Wire)',
      ].join('\n'),
    );
    expect(reply.chart!.altText).toBe('Line chart: Total aid (United States), running total as reported, 3 reported values from 4 Mar 2024 to 21 Oct 2024.');
  });

  it('with no series says privately what is held and how to ask, in the platform\'s own syntax', async () => {
    await seedAidSeries(store);
    const discord = await handleCommand(inv({ command: 'figures', args: { chart: 'penguins counted in Antarctica' }, isAdmin: false }), deps);
    expect(discord.ephemeral).toBe(true);
    expect(discord.chart).toBeUndefined();
    expect(discord.text).toMatch(/^There is no series to chart for "penguins counted in Antarctica"\.\n/);
    expect(discord.text).toContain('Closest I hold: total aid (United States), latest 21 Oct 2024; try "What is the total aid from United States to date?".');
    expect(discord.text).toMatch(/for example: \/figures chart:total US aid to Ukraine$/);
    const slack = await handleCommand(inv({ platform: 'slack', command: 'figures', args: { chart: 'penguins counted in Antarctica' }, isAdmin: false }), deps);
    expect(slack.text).toMatch(/for example: \/figures chart total US aid to Ukraine$/);
  });

  it('refuses a topic and a chart at once, showing nothing', async () => {
    const reply = await handleCommand(inv({ command: 'figures', args: { topic: 'ukraine-aid', chart: 'total aid' }, isAdmin: false }), deps);
    expect(reply).toEqual({ text: '/figures takes a topic or a chart, not both. Nothing was shown.', ephemeral: true });
  });
});
