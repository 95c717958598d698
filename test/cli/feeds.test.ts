import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startFeedServer, type FeedServer } from '../fakes/feedServer.js';
import { rssDocument } from '../ingest/harness.js';
import { newcomers, TIME } from './feedsCli.js';

let server: FeedServer;
const { person, cleanup } = newcomers();
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n, 9)).toISOString();
const EIGHT = Array.from({ length: 8 }, (_, i) => ({ id: `w${i}`, title: `Aid package ${i} pledged`, date: day(i), link: `https://wire.example/story-${i}` }));

beforeAll(async () => {
  server = await startFeedServer();
  server.setDocument('wire.xml', { body: rssDocument('Eight Wire', EIGHT), contentType: 'application/rss+xml' });
  server.setDocument('page.html', {
    body: '<!doctype html><html><head><title>Eight Wire</title><link rel="stylesheet" href="/s.css"><link rel="alternate" type="application/rss+xml" title="Eight Wire RSS" href="/docs/wire.xml?via-page"></head><body><h1>News</h1></body></html>',
    contentType: 'text/html; charset=utf-8',
  });
});
afterAll(async () => server.close());
afterEach(cleanup);

describe('newsdigest feeds', { timeout: 120_000 }, () => {
  it('a newcomer adds a feed, sees it listed and in the next digest with the counts ingest gave, then removes it and its articles stay', async () => {
    const me = person();
    const url = server.url('/docs/wire.xml');
    const added = await me.run('feeds', 'add', url);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toBe(
      [
        `Added ${url} (Eight Wire), followed by console:console (directly), the only channel.`,
        'Fetched it now: 8 items; 3 new for the next digest, 5 older ones stored as already seen (a new feed shows only its newest 3: ingest.initialItems).',
        'newsdigest serve polls it every 15 minutes. See the next digest now: newsdigest digest --dry-run --channel console:console',
        '',
      ].join('\n'),
    );

    const listed = await me.run('feeds');
    expect(listed.stdout).toMatch(
      new RegExp(
        [
          `  ${esc(url)} \\(Eight Wire\\) \\[command line\\]`,
          '    topics: none; followed by console:console \\(directly\\)',
          `    last fetch: ${TIME}: ok; 8 articles stored`,
          `    next poll: ${TIME}`,
        ].join('\n'),
      ),
    );
    // The config feed is listed too, with who follows it, though never fetched.
    expect(listed.stdout).toContain('  examples/sample-feed.xml [config]\n    topics: ukraine-aid, ukraine-war; followed by console:console (topics ukraine-aid, ukraine-war)\n    last fetch: none yet; 0 articles stored\n    next poll: due now\n');

    const digest = await me.run('digest', '--dry-run');
    expect(digest.code).toBe(0);
    for (const i of [7, 6, 5]) expect(digest.stdout).toContain(`Aid package ${i} pledged`);
    expect(digest.stdout).not.toContain('Aid package 4 pledged');
    expect(digest.stdout).toContain('(dry run: 3 articles for console:console; nothing was recorded or sent)');

    const removed = await me.run('feeds', 'remove', url);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe(`Removed ${url}: unsubscribed console:console; no channel follows it, so it is no longer polled. Its 8 stored articles and their key figures are kept (for /ask and the digests already sent).\n`);
    const after = await me.run('feeds');
    expect(after.stdout).toMatch(new RegExp(`  ${esc(url)} \\(Eight Wire\\) \\[command line\\]\n    topics: none; followed by no channel\n    last fetch: ${TIME}: ok; 8 articles stored\n    next poll: not polled: no channel follows it\n    follow it: newsdigest feeds add ${esc(url)} --channel KEY; forget it: newsdigest feeds remove ${esc(url)}\n`));
  });

  it('adding a web page follows the feed its <link rel="alternate"> names', async () => {
    const me = person();
    const page = server.url('/docs/page.html');
    const feed = server.url('/docs/wire.xml?via-page');
    const added = await me.run('feeds', 'add', page, '--channel', 'console:console');
    expect(added.code).toBe(0);
    expect(added.stdout.split('\n').slice(0, 2)).toEqual([`${page} is a web page; it names the feed ${feed}.`, `Added ${feed} (Eight Wire), followed by console:console (directly).`]);
    expect((await me.run('feeds')).stdout).toContain(`  ${feed} (Eight Wire) [command line]\n`);
  });

  it('a URL that is not a feed is refused with the reason, exit 1, and nothing is stored', async () => {
    const me = person();
    const url = server.url('/status/404');
    const added = await me.run('feeds', 'add', url);
    expect(added.code).toBe(1);
    expect(added.stderr).toBe(`newsdigest: could not add ${url}: HTTP 404 Not Found. Nothing was changed.\n`);
    expect((await me.run('feeds')).stdout).not.toContain(url);
    const page = server.url('/html');
    const html = await me.run('feeds', 'add', page);
    expect(html.stderr).toMatch(/^newsdigest: could not add .*: it is a web page that names no feed \(no <link rel="alternate" type="application\/rss\+xml"> or atom\+xml in its head\); give the feed's own URL\. Nothing was changed\.\n$/);
  });

  it('--topic (by id or name) puts the feed under that topic for every channel following it', async () => {
    const me = person();
    const url = server.url('/docs/wire.xml?topic');
    const added = await me.run('feeds', 'add', url, '--topic', 'Military aid to Ukraine');
    expect(added.stdout.split('\n')[0]).toBe(`Added ${url} (Eight Wire), followed by console:console (topic ukraine-aid).`);
    const digest = await me.run('digest', '--dry-run');
    expect(digest.stdout).toMatch(/Military aid to Ukraine\n[\s\S]*Aid package 7 pledged/);
    expect(digest.stdout).not.toContain('Other feeds');
  });

  it('an unknown topic or channel is refused before anything is fetched', async () => {
    const me = person();
    const url = server.url('/docs/wire.xml?unknown');
    expect((await me.run('feeds', 'add', url, '--topic', 'cricket')).stderr).toBe(
      'newsdigest: feeds add: --topic: there is no topic "cricket"; topics: ukraine-aid (Military aid to Ukraine), ukraine-war (The war in figures). Nothing was changed.\n',
    );
    expect((await me.run('feeds', 'add', url, '--channel', 'slack:C1')).stderr).toBe(
      'newsdigest: feeds add: --channel: there is no channel slack:C1; channels: console:console (declare one under channels: in config, or use /digest subscribe in a chat). Nothing was changed.\n',
    );
    expect(server.requestsTo('/docs/wire.xml?unknown')).toHaveLength(0);
  });

  it('a feed declared in config is not removed from the command line: config says where to remove it', async () => {
    const me = person();
    const removed = await me.run('feeds', 'remove', 'examples/sample-feed.xml');
    expect(removed.code).toBe(1);
    expect(removed.stderr).toBe(
      "newsdigest: feeds remove: examples/sample-feed.xml is declared in config (feeds: or a channel's feeds: in config/default.yaml or config/local.yaml); remove it there, or it comes back at the next start. Nothing was changed.\n",
    );
    const typo = await me.run('feeds', 'remove', 'https://nowhere.example/feed.xml');
    expect(typo.stderr).toBe('newsdigest: feeds remove: there is no feed https://nowhere.example/feed.xml (newsdigest feeds lists them). Nothing was changed.\n');
  });

  it('imports an OPML file (folders naming a topic put feeds under it) and exports the feeds as OPML 2.0', async () => {
    const me = person();
    const a = server.url('/docs/wire.xml?opml-a');
    const b = server.url('/docs/wire.xml?opml-b');
    const file = path.join(me.dataDir, 'subscriptions.opml');
    writeFileSync(
      file,
      `<?xml version="1.0"?>\n<opml version="2.0"><head><title>From my reader</title></head><body>\n<outline text="Military aid to Ukraine"><outline type="rss" text="Wire A" xmlUrl="${a}"/></outline>\n<outline type="rss" text="Wire B" xmlUrl="${b}"/>\n<outline type="rss" text="Old FTP" xmlUrl="ftp://files.example/feed.xml"/>\n</body></opml>\n`,
    );
    const imported = await me.run('feeds', 'import', file, '--channel', 'console:console');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe(
      [
        `Imported 2 feeds from ${file} (2 new, 0 already stored), followed by console:console (directly).`,
        'Left out Old FTP: "ftp://files.example/feed.xml" is not an http(s) URL (ftp is not allowed).',
        'They are fetched at the next poll of newsdigest serve, or now with: newsdigest ingest',
        '',
      ].join('\n'),
    );
    expect((await me.run('feeds')).stdout).toContain(`  ${a} (Wire A) [command line]\n    topics: ukraine-aid; followed by console:console (directly and topic ukraine-aid)\n`);

    const exported = await me.run('feeds', 'export');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<opml version="2.0">/);
    expect(exported.stdout).toContain(`<outline text="Wire A" type="rss" category="/ukraine-aid" xmlUrl="${a}" title="Wire A"/>`);
    expect(exported.stdout).toContain(`<outline text="Wire B" type="rss" xmlUrl="${b}" title="Wire B"/>`);

    const notOpml = path.join(me.dataDir, 'not.opml');
    writeFileSync(notOpml, '<rss version="2.0"></rss>');
    const bad = await me.run('feeds', 'import', notOpml);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^newsdigest: feeds import: .*not\.opml is not an OPML file \(.*\); expected <opml version="2\.0"> with <outline xmlUrl="\.\.\."> entries\. Nothing was changed\.\n$/);
  });
});
