/**
 * `newsdigest feeds import FILE.opml [--topic ID] [--channel KEY]` and `feeds export [--out FILE]`:
 * subscription lists to and from other feed readers (OPML 2.0). An import stores and follows the
 * feeds without fetching them (the poller of `serve`, or `newsdigest ingest`, reads them); a folder
 * or category that names a topic (id or name) puts the feed under that topic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readOpml, writeOpml } from '../feeds/opml.js';
import { isLocalFeed } from '../feeds/fetchFeed.js';
import { readFollows } from '../ingest/follows.js';
import { applyFollow, planFollow, topicIdOf } from '../ingest/manageFeeds.js';
import { collect, followersText, openQuietRuntime, plural } from './feedsShared.js';

async function importOpml(file: string, opts: { topic: string[]; channel: string[] }): Promise<string> {
  let xml: string;
  try {
    xml = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`feeds import: cannot read ${file}: ${(err as Error).message}`);
  }
  const read = readOpml(xml);
  if ('error' in read) throw new Error(`feeds import: ${file} is ${read.error}. Nothing was changed.`);
  const rt = await openQuietRuntime();
  try {
    const { store, config } = rt;
    const plan = await planFollow(store, config, { topics: opts.topic, channels: opts.channel });
    if ('error' in plan) throw new Error(`feeds import: ${plan.error}. Nothing was changed.`);
    let added = 0;
    for (const f of read.feeds) {
      const known = await store.getFeed(f.url);
      const feed = await store.upsertFeed({ url: f.url, title: known?.title ?? f.title, trusted: true });
      if (!known) added++;
      const topics = f.categories.map((c) => topicIdOf(config, c)).filter((t): t is string => t !== null);
      await applyFollow(store, config, feed, { ...plan, topics: [...new Set([...plan.topics, ...topics])] });
    }
    const follows = await readFollows(store, config);
    const unfollowed = read.feeds.filter((f) => follows.followersOf(f.url).length === 0).length;
    const lines = [
      `Imported ${plural(read.feeds.length, 'feed')} from ${file} (${added} new, ${read.feeds.length - added} already stored)${plan.channels.length > 0 ? `, followed by ${followersText(plan.channels.map((channelKey) => ({ channelKey, topic: null })))}` : ''}${plan.note ? `, ${plan.note}` : ''}.`,
      ...read.skipped.map((s) => `Left out ${s}.`),
      ...(unfollowed > 0 ? [`${plural(unfollowed, 'feed')} no channel follows ${unfollowed === 1 ? 'is' : 'are'} not polled; see newsdigest feeds.`] : []),
      'They are fetched at the next poll of newsdigest serve, or now with: newsdigest ingest',
    ];
    return `${lines.join('\n')}\n`;
  } finally {
    await rt.close();
  }
}

async function exportOpml(out: string | undefined): Promise<void> {
  const rt = await openQuietRuntime();
  try {
    const { store, config } = rt;
    const follows = await readFollows(store, config);
    const feeds = await store.listFeeds();
    // OPML names feeds by URL; a local file means nothing to another reader.
    const local = feeds.filter((f) => isLocalFeed(f.url));
    const web = feeds.filter((f) => !isLocalFeed(f.url)).map((f) => ({ url: f.url, title: f.title, topics: follows.topicsOf(f.url) }));
    const xml = writeOpml(web, new Date());
    if (out) writeFileSync(out, xml);
    else process.stdout.write(xml.endsWith('\n') ? xml : `${xml}\n`);
    const note = [out ? `Wrote ${plural(web.length, 'feed')} to ${out}.` : '', local.length > 0 ? `Left out ${plural(local.length, 'local file feed')} (${local.map((f) => f.url).join(', ')}): OPML names feeds by URL.` : ''].filter(Boolean);
    if (note.length > 0) process.stderr.write(`${note.join(' ')}\n`);
  } finally {
    await rt.close();
  }
}

export function registerFeedsOpml(feeds: Command): void {
  feeds
    .command('import <file>')
    .description('store and follow the feeds of an OPML file (from another feed reader); folders or categories naming a topic put feeds under it')
    .option('--topic <id>', 'a topic (id or name) every imported feed carries (repeatable)', collect, [])
    .option('--channel <key>', 'a channel (platform:id) to subscribe to every imported feed (repeatable); default: the only channel there is', collect, [])
    .action(async (file: string, opts: { topic: string[]; channel: string[] }) => {
      process.stdout.write(await importOpml(file, opts));
    });
  feeds
    .command('export')
    .description('print every stored web feed as OPML 2.0 (with its topics as categories), for other feed readers')
    .option('--out <file>', 'write the OPML to this file instead of stdout')
    .action(async (opts: { out?: string }) => {
      await exportOpml(opts.out);
    });
}
