/**
 * A channel that opts in (channels[].digest.chart) gets a chart of its headline running total at the
 * end of a digest in which that total changed, through the same outbox as the digest: the console
 * prints the points and saves the PNG; Discord and Slack (real clients, fakes) get the image; an
 * upload that fails is retried, one refused for good becomes its points as text.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Config } from '../../src/config/schema.js';
import { ConsoleSender } from '../../src/delivery/consoleSender.js';
import type { ChatSender } from '../../src/delivery/sender.js';
import { silentLogger } from '../../src/observability/logger.js';
import { produceDigest } from '../../src/schedule/produceDigest.js';
import { deliverPendingDigests } from '../../src/schedule/deliverDigests.js';
import type { ChannelRecord, Platform } from '../../src/store/store.js';
import { createDiscordRest } from '../../src/platforms/discord/restClient.js';
import { createDiscordSender } from '../../src/platforms/discord/sender.js';
import { createSlackPostingSender } from '../../src/platforms/slack/postingSender.js';
import { FakeDiscord } from '../fakes/discord/index.js';
import { FakeSlack } from '../fakes/slack/fakeSlack.js';
import { seedAidSeries } from '../helpers/aidSeries.js';
import { decodePng } from '../helpers/decodePng.js';
import { addChannel, baseConfig, ensureFeed, openTempStore, type TempStore } from './world.js';

let db: TempStore;
let chartDir: string;
beforeEach(async () => {
  db = await openTempStore();
  chartDir = mkdtempSync(path.join(tmpdir(), 'newsdigest-charts-'));
  await seedAidSeries(db.store);
});
afterEach(async () => {
  await db.cleanup();
  rmSync(chartDir, { recursive: true, force: true });
});

const configFor = (platform: Platform, id: string, chart: boolean): Config => {
  const config = baseConfig();
  return { ...config, channels: [{ platform, id, topics: [], feeds: [], alerts: [], digest: { chart } }] };
};

/** A new report in the channel's feed, first seen an hour ago: the US total now at `value`. */
async function newTotal(value: number, quote: string): Promise<void> {
  const feed = await ensureFeed(db.store);
  const text = `Officials said the United States has now provided ${quote} in military aid.`;
  const seen = new Date(Date.now() - 3_600_000).toISOString();
  const { inserted } = await db.store.saveArticles(feed.id, [{ guid: `total-${value}`, link: `https://news.example/total/${value}`, title: 'US aid total rises', published: seen, publishedIsFetchTime: false, author: null, summary: null, text }], seen);
  const start = text.indexOf(quote);
  await db.store.replaceFigures(inserted[0]!.id, [
    { value, value_max: null, unit: 'USD', qualifier: 'exact', category: 'aid', actor: 'United States', cumulative: true, status: null, since: null, event: null, quote, start, end: start + quote.length, sentence: text },
  ]);
}

async function produce(config: Config, channel: ChannelRecord, sender: ChatSender) {
  const now = new Date();
  const outcome = await produceDigest({ store: db.store, config, logger: silentLogger, sender }, channel, now, now);
  if (outcome.kind !== 'recorded') throw new Error(`expected a recorded digest, got ${outcome.kind}`);
  return outcome.digest;
}

const deliver = (config: Config, senders: Map<Platform, ChatSender>) =>
  deliverPendingDigests({ store: db.store, config, logger: silentLogger, senders, owner: 'chart-test', now: () => new Date(), random: () => 0.5 });

const POINTS = ['Total aid (United States), running total as reported', '4 Mar 2024: about $44.2 billion (Wire)', '12 Jun 2024: $51 billion (Wire)', '21 Oct 2024: more than $58 billion (Wire)'];

describe('a digest chart of the headline running total', () => {
  it('on the console: the digest, then the points with where the PNG was saved', async () => {
    const config = configFor('console', 'news', true);
    const channel = await addChannel(db.store, { platform: 'console', id: 'news' });
    await newTotal(66.5e9, '$66.5 billion');
    let printed = '';
    const out = new PassThrough();
    out.on('data', (d: Buffer) => (printed += d.toString()));
    const sender = new ConsoleSender({ out, chartDir });
    const digest = await produce(config, channel, sender);
    expect(digest.payload).toHaveLength(2);
    expect(digest.payload[1]).toMatchObject({ kind: 'chart', filename: 'chart.png', title: 'Total aid (United States), running total as reported' });

    const [result] = await deliver(config, new Map([['console', sender]]));
    expect(result).toMatchObject({ outcome: 'sent', sentParts: 2, parts: 2 });
    const file = path.join(chartDir, `digest-${digest.id}-1-chart.png`);
    const hourAgo = new Date(Date.now() - 3_600_000);
    const today = `${hourAgo.getUTCDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][hourAgo.getUTCMonth()]} ${hourAgo.getUTCFullYear()}`; // "4 Dec 2026"
    expect(printed.endsWith(`${[...POINTS, `${today}: $66.5 billion (Example News)`].join('\n')}\n(chart image saved to ${file})\n`)).toBe(true);
    const png = decodePng(readFileSync(file));
    expect([png.width, png.height]).toEqual([1200, 675]);
    expect(png.inked).toBeGreaterThan(0.005);
  });

  it('adds nothing when the total did not change, or when the channel did not opt in', async () => {
    const channel = await addChannel(db.store, { platform: 'console', id: 'news' });
    await newTotal(58e9, '$58 billion');
    const sender = new ConsoleSender({ out: new PassThrough(), chartDir });
    const unchanged = await produce(configFor('console', 'news', true), channel, sender);
    expect(unchanged.payload).toHaveLength(1);

    const other = await addChannel(db.store, { platform: 'console', id: 'other' });
    await newTotal(70e9, '$70 billion');
    const notOptedIn = await produce(configFor('console', 'news', true), other, sender);
    expect(notOptedIn.payload).toHaveLength(1);
  });

  describe('on Discord', () => {
    const CHANNEL = '510000000000000011';
    let fake: FakeDiscord;
    afterEach(async () => fake.close());

    async function setup(options: { attachmentSizeLimit?: number } = {}) {
      fake = await FakeDiscord.start({ guilds: [{ id: '510000000000000001', channels: [{ id: CHANNEL }] }], ...options });
      const config = configFor('discord', CHANNEL, true);
      const channel = await addChannel(db.store, { platform: 'discord', id: CHANNEL });
      await newTotal(66.5e9, '$66.5 billion');
      const sender = createDiscordSender(createDiscordRest({ apiBase: fake.apiBase, token: fake.token, retries: 0 }));
      await produce(config, channel, sender);
      return { config, senders: new Map<Platform, ChatSender>([['discord', sender]]) };
    }

    it('posts the chart as files[0] with an embed showing it; a failed upload is retried, and posted once', async () => {
      const { config, senders } = await setup();
      fake.failUploads(1);
      const [first] = await deliver(config, senders);
      expect(first).toMatchObject({ outcome: 'retrying', sentParts: 1, parts: 2 });
      const [second] = await deliverPendingDigests({ store: db.store, config, logger: silentLogger, senders, owner: 'chart-test-2', now: () => new Date(Date.now() + 3_600_000) });
      expect(second).toMatchObject({ outcome: 'sent', sentParts: 2 });
      const messages = fake.messages(CHANNEL);
      expect(messages).toHaveLength(2);
      const chart = messages[1]!;
      expect(chart.attachments.map((a) => a.filename)).toEqual(['chart.png']);
      expect(chart.embeds[0]).toMatchObject({ title: 'Total aid (United States), running total as reported', image: { url: chart.attachments[0]!.url } });
      const png = decodePng(chart.attachments[0]!.data);
      expect([png.width, png.height]).toEqual([1200, 675]);
    });

    it('when Discord refuses the image as too large, posts its points as text and the digest is complete', async () => {
      const { config, senders } = await setup({ attachmentSizeLimit: 2_000 });
      const [result] = await deliver(config, senders);
      expect(result).toMatchObject({ outcome: 'sent', sentParts: 2 });
      const last = fake.messages(CHANNEL).at(-1)!;
      expect(last.attachments).toEqual([]);
      expect(last.content.split('\n')[0]).toBe('Discord refused the chart image as too large, so here are its points as text:');
      expect(last.content).toContain('21 Oct 2024: more than $58 billion \\(Wire\\)');
    });
  });

  describe('on Slack', () => {
    const CHANNEL = 'C0DIGEST01';
    let fake: FakeSlack;
    afterEach(async () => fake.close());

    async function setup() {
      fake = await FakeSlack.start();
      fake.addChannel(CHANNEL);
      const config = configFor('slack', CHANNEL, true);
      const channel = await addChannel(db.store, { platform: 'slack', id: CHANNEL });
      await newTotal(66.5e9, '$66.5 billion');
      const sender = createSlackPostingSender({ botToken: fake.botToken, apiUrl: fake.apiUrl }, silentLogger);
      await produce(config, channel, sender);
      return { config, senders: new Map<Platform, ChatSender>([['slack', sender]]) };
    }

    it('uploads the chart with the external flow after the digest; a failed completion is retried and shares the file once', async () => {
      const { config, senders } = await setup();
      fake.forceError('files.completeUploadExternal', 'internal_error');
      const [first] = await deliver(config, senders);
      expect(first).toMatchObject({ outcome: 'retrying', sentParts: 1, parts: 2 });
      const [second] = await deliverPendingDigests({ store: db.store, config, logger: silentLogger, senders, owner: 'chart-test-2', now: () => new Date(Date.now() + 3_600_000) });
      expect(second).toMatchObject({ outcome: 'sent', sentParts: 2 });
      expect(fake.posts.filter((p) => p.channel === CHANNEL)).toHaveLength(1);
      expect(fake.files.shared.map((f) => [f.channel, f.filename, f.title])).toEqual([[CHANNEL, 'chart.png', 'Total aid (United States), running total as reported']]);
      expect(decodePng(fake.files.shared[0]!.bytes).width).toBe(1200);
    });

    it('when the workspace refuses uploads for good, posts the points as text and the digest is complete', async () => {
      const { config, senders } = await setup();
      fake.forceError('files.getUploadURLExternal', 'file_uploads_disabled');
      const [result] = await deliver(config, senders);
      expect(result).toMatchObject({ outcome: 'sent', sentParts: 2 });
      const posts = fake.posts.filter((p) => p.channel === CHANNEL);
      expect(posts).toHaveLength(2);
      expect(posts[1]!.text!.split('\n').slice(0, 2)).toEqual([
        'The chart image could not be posted: this workspace has turned file uploads off. Here are its points as text:',
        'Total aid (United States), running total as reported',
      ]);
      expect(fake.files.shared).toEqual([]);
    });
  });
});
