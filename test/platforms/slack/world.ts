/**
 * A real command runner over a real SQLite store (temp dir) for the Slack tests: the app's own
 * command deps (answers, figures, URL checks) and the real "digest now" (produce + outbox), posting
 * through the Slack adapter's sender.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../../../src/config/schema.js';
import { buildCommandDeps } from '../../../src/app/commandDeps.js';
import { createCommandRunner, type CommandDeps, type CommandRunner } from '../../../src/commands/handleCommand.js';
import type { ChatSender } from '../../../src/delivery/sender.js';
import type { Figure } from '../../../src/figures/figure.js';
import { silentLogger } from '../../../src/observability/logger.js';
import { postDigestNow } from '../../../src/schedule/postDigestNow.js';
import { SqliteStore } from '../../../src/store/sqlStore.js';
import type { Platform, Store } from '../../../src/store/store.js';

export interface World {
  store: Store;
  deps: CommandDeps;
  runCommand: CommandRunner;
  senders: Map<Platform, ChatSender>;
  /** Channel keys the runner reported as changed (the scheduler would reload them). */
  changed: string[];
  close(): Promise<void>;
}

export async function openWorld(config: Config): Promise<World> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsdigest-slack-'));
  const store = await SqliteStore.open(path.join(dir, 'newsdigest.db'), silentLogger);
  await store.migrate();
  const senders = new Map<Platform, ChatSender>();
  const changed: string[] = [];
  const deps = buildCommandDeps(
    { store, config, logger: silentLogger },
    {
      postDigestNow: async (channel) => (await postDigestNow({ store, config, logger: silentLogger, senders, owner: 'slack-test', now: () => new Date() }, channel)).text,
      onChannelChanged: (key) => changed.push(key),
    },
  );
  return {
    store,
    deps,
    runCommand: createCommandRunner(deps),
    senders,
    changed,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Everything a command could change, to compare before and after. */
export async function storeSnapshot(store: Store) {
  const channels = await store.listChannels();
  const subscriptions = await Promise.all(channels.map((c) => store.listSubscriptions(c.key)));
  return { channels, subscriptions, feeds: await store.listFeeds() };
}

/** A feed with `titles.length` new articles (first seen an hour ago), one with a running total. */
export async function seedArticles(store: Store, feedUrl: string, titles: string[]): Promise<number[]> {
  const feed = await store.upsertFeed({ url: feedUrl, title: 'Aid Wire', trusted: true });
  const seenAt = new Date(Date.now() - 3_600_000).toISOString();
  const items = titles.map((title, i) => ({
    guid: `${feedUrl}#${i}`,
    link: `https://news.example/story/${i}`,
    title,
    published: seenAt,
    publishedIsFetchTime: false,
    author: null,
    summary: null,
    text: `${title}. The United States has provided $66.5 billion in military aid to date.`,
  }));
  const { inserted } = await store.saveArticles(feed.id, items, seenAt);
  const first = inserted[0];
  if (first) {
    const sentence = 'The United States has provided $66.5 billion in military aid to date.';
    const quote = '$66.5 billion';
    const start = first.text!.indexOf(quote);
    const figure: Figure = { value: 66.5e9, value_max: null, unit: 'USD', qualifier: 'exact', category: 'aid', actor: 'United States', cumulative: true, status: null, since: null, event: null, quote, start, end: start + quote.length, sentence };
    await store.replaceFigures(first.id, [figure]);
  }
  return inserted.map((a) => a.id);
}
