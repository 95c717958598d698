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

let store: Store;
let config: Config;
let deps: CommandDeps;
const NOW = new Date('2026-11-22T10:00:00Z');

beforeEach(async () => {
  config = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} }).config;
  store = await SqliteStore.open(':memory:', silentLogger);
  await store.migrate();
  deps = {
    store, config, logger: silentLogger, now: () => NOW,
    answer: async (q) => ({ text: q, figure: null, article: null, history: [] }),
    figuresText: async () => '',
    suggest: async () => [],
    chart: async () => ({ text: '', ephemeral: true }),
    postDigestNow: async () => '',
    checkFeedUrl: async () => null,
    lookUpFeed: async (url) => ({ ok: true, url, discoveredFrom: null, title: null }),
    onChannelChanged: () => undefined,
  };
});
afterEach(async () => store.close());

const alert = (subcommand: string, args: Record<string, string>, over: Partial<Invocation> = {}): Invocation => ({
  platform: 'slack', channelId: 'C1', workspaceId: 'T1', userId: 'U1', command: 'alert', subcommand, args, isAdmin: true, ...over,
});

/** A running total of US aid on record: what /alert add reads its starting point from. */
async function seedAid(value: number, day: string): Promise<void> {
  const feed = await store.upsertFeed({ url: 'https://wire.example/rss', title: 'Wire', trusted: true });
  const sentence = `The United States has provided $${value / 1e9} billion in military aid to Ukraine since February 2022.`;
  const quote = `$${value / 1e9} billion`;
  await store.saveArticles(feed.id, [{
    guid: day, link: `https://wire.example/${day}`, title: `Aid on ${day}`, published: `${day}T09:00:00.000Z`, publishedIsFetchTime: false, author: null, summary: null, text: sentence,
    figures: [{ value, value_max: null, unit: 'USD', qualifier: 'exact', category: 'aid', actor: 'United States', cumulative: true, status: null, since: '2022-02', event: null, quote, start: sentence.indexOf(quote), end: sentence.indexOf(quote) + quote.length, sentence }],
  }], `${day}T10:00:00.000Z`);
}

describe('/alert', () => {
  it('a non-admin is refused /alert add, list and remove with the permission named, and nothing is stored', async () => {
    for (const [sub, args] of [['add', { measure: 'US aid', when: 'above', value: '70bn' }], ['list', {}], ['remove', { id: '1' }]] as const) {
      const reply = await handleCommand(alert(sub, args, { isAdmin: false }), deps);
      expect(reply).toEqual({ text: `Sorry, /alert ${sub} changes this channel's setup and needs a workspace admin or owner (or a user listed in slack.adminUserIds). Nothing was changed.`, ephemeral: true });
    }
    const onDiscord = await handleCommand(alert('add', { measure: 'US aid', when: 'above', value: '70bn' }, { platform: 'discord', isAdmin: false }), deps);
    expect(onDiscord.text).toBe("Sorry, /alert add changes this channel's setup and needs the Manage Server permission (MANAGE_GUILD). Nothing was changed.");
    expect(await store.listAlerts()).toEqual([]);
    expect(await store.listChannels()).toEqual([]);
  });

  it('a value it cannot read is refused with an example, before anything is stored', async () => {
    const reply = await handleCommand(alert('add', { measure: 'US aid', when: 'above', value: 'seventy-ish' }), deps);
    expect(reply).toEqual({ text: '"seventy-ish" is not a value I can read; write it like 70bn, $70 billion, 700 or 70e9, e.g. /alert add US aid to Ukraine above 70bn. Nothing was changed.', ephemeral: true });
    const noValue = await handleCommand(alert('add', { measure: 'US aid', when: 'below' }), deps);
    expect(noValue.text).toBe('"below" needs a value, e.g. /alert add US aid to Ukraine above 70bn. Nothing was changed.');
    const condition = await handleCommand(alert('add', { measure: 'US aid', when: 'over', value: '5' }), deps);
    expect(condition.text).toBe('"over" is not a condition; use above, below, changes, e.g. /alert add US aid to Ukraine above 70bn. Nothing was changed.');
    expect(await store.listAlerts()).toEqual([]);
  });

  it('a measure the rules do not know is refused and what can be watched is listed', async () => {
    await seedAid(66e9, '2024-11-04');
    const reply = await handleCommand(alert('add', { measure: 'banana prices', when: 'above', value: '5' }), deps);
    expect(reply.text).toBe('I can\'t tell which figure "banana prices" is, so no alert was set. What I have figures on: total aid (United States). For example: /alert add US aid to Ukraine above 70bn.');
    expect(await store.listAlerts()).toEqual([]);
  });

  it('add says where the series stands; list shows each alert; remove takes it away', async () => {
    await seedAid(66e9, '2024-11-04');
    const added = await handleCommand(alert('add', { measure: 'US aid to Ukraine', when: 'above', value: '$70 billion' }), deps);
    const [stored] = await store.listAlerts('slack:C1');
    expect(added).toEqual({ text: `Alert ${stored!.id} set: this channel is told when total aid (United States) goes above $70 billion. Latest: $66 billion (Wire, 4 Nov 2024). /alert remove ${stored!.id} stops it.`, ephemeral: true });
    expect(stored).toMatchObject({ measure: 'US aid to Ukraine', condition: 'above', threshold: 70e9, unit: 'USD', origin: 'chat', state: 'off', lastValue: 66e9 });

    const again = await handleCommand(alert('add', { measure: 'us aid to ukraine', when: 'ABOVE', value: '$70bn' }), deps);
    expect(again.text).toBe(`This channel already has that alert (alert ${stored!.id}: US aid to Ukraine above $70 billion); nothing was changed.`);

    const list = await handleCommand(alert('list', {}), deps);
    expect(list.text).toBe(`Alerts in this channel:\n• ${stored!.id}: US aid to Ukraine above $70 billion: not above $70 billion (latest $66 billion, 4 Nov 2024); not fired yet\nRemove one with /alert remove and its number, e.g. /alert remove ${stored!.id}.`);

    expect((await handleCommand(alert('remove', { id: '999' }), deps)).text).toBe('This channel has no alert 999; /alert list shows its alerts. Nothing was changed.');
    expect((await handleCommand(alert('remove', { id: 'x' }), deps)).text).toBe('"x" is not an alert id; give the number /alert list shows, e.g. /alert remove 3. Nothing was changed.');
    // Another channel's alert is not this channel's to remove.
    expect((await handleCommand(alert('remove', { id: String(stored!.id) }, { channelId: 'C2' }), deps)).text).toBe(`This channel has no alert ${stored!.id}; /alert list shows its alerts. Nothing was changed.`);
    expect((await handleCommand(alert('remove', { id: `#${stored!.id}` }), deps)).text).toBe(`Removed alert ${stored!.id} (US aid to Ukraine).`);
    expect(await store.listAlerts()).toEqual([]);
    expect((await handleCommand(alert('list', {}), deps)).text).toBe('This channel has no alerts. Add one with /alert add, e.g. /alert add US aid to Ukraine above 70bn.');
  });

  it('an alert declared in config cannot be removed from chat', async () => {
    const channel = await store.upsertChannel({ platform: 'slack', externalId: 'C1', workspaceId: 'T1', schedule: '0 8 * * *', timezone: 'UTC', maxArticles: 5, postWhenEmpty: false, origin: 'config' });
    const { alert: a } = await store.addAlert({ channelKey: channel.key, measure: 'US aid', condition: 'changes', threshold: null, unit: null, origin: 'config', state: 'unknown', lastFigureId: null, lastValue: null, lastUnit: null, lastPublished: null }, NOW.toISOString());
    expect((await handleCommand(alert('remove', { id: String(a.id) }), deps)).text).toBe(`Alert ${a.id} is declared in the bot's config (channels[].alerts); remove it there, or it comes back at the next start. Nothing was changed.`);
    expect(await store.getAlert(a.id)).not.toBeNull();
  });
});
