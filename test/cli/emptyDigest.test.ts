import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../fakes/feedServer.js';
import { rssDocument } from '../ingest/harness.js';
import { newcomers, TIME } from './feedsCli.js';

let server: FeedServer;
const { person, cleanup } = newcomers();
const day = (n: number) => new Date(Date.UTC(2026, 10, 1 + n, 9)).toISOString();

beforeAll(async () => {
  server = await startFeedServer();
  server.setDocument('five.xml', { body: rssDocument('Five Wire', Array.from({ length: 5 }, (_, i) => ({ id: `f${i}`, title: `Five story ${i}`, date: day(i) }))) });
});
afterAll(async () => server.close());
afterEach(cleanup);

describe('digest --dry-run explains an empty digest and names the command that fixes it', { timeout: 120_000 }, () => {
  it('on a fresh install: none of the feeds it follows has been fetched yet; run newsdigest ingest', async () => {
    const run = await person().run('digest', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^Nothing new for console:console since ${TIME}\\.\nNone of the 1 feed it follows has been fetched yet\\. Poll them now with: newsdigest ingest \\(newsdigest serve polls them on its own\\)\\.\n\\(dry run: nothing was recorded or sent\\)\n$`),
    );
  });

  it('after ingest --feed of a feed nobody follows: ingest says so, and the digest counts its articles and names feeds add', async () => {
    const me = person();
    const url = server.url('/docs/five.xml');
    const ingest = await me.run('ingest', '--feed', url);
    expect(ingest.stdout).toBe(
      [
        `ok       ${url}: 5 items, 3 new, 2 older stored as already seen (a new feed's backlog)`,
        "1 feed(s), 3 new article(s) (and 2 older stored as already seen: a new feed's backlog, never in a digest), 0 failed",
        `No channel follows ${url}: it is not polled and its articles are in no digest. To follow it: newsdigest feeds add ${url} --channel console:console`,
        '',
      ].join('\n'),
    );
    const digest = await me.run('digest', '--dry-run');
    expect(digest.stdout).toMatch(
      new RegExp(`^Nothing new for console:console since ${TIME}\\.\n3 new articles came from feeds this channel does not follow: ${url.replace(/[.?]/g, '\\$&')} \\(3\\)\\. To follow one: newsdigest feeds add ${url.replace(/[.?]/g, '\\$&')} --channel console:console\n\\(dry run: nothing was recorded or sent\\)\n$`),
    );

    // Followed as told, the next digest holds the 3 articles ingest counted as new.
    await me.run('feeds', 'add', url, '--channel', 'console:console');
    expect((await me.run('digest', '--dry-run')).stdout).toContain('(dry run: 3 articles for console:console; nothing was recorded or sent)');
  });

  it('when every new article is a new feed\'s backlog (ingest.initialItems: 0) it says so', async () => {
    const me = person('ingest:\n  initialItems: 0\n');
    const url = server.url('/docs/five.xml?backlog');
    await me.run('feeds', 'add', url);
    const digest = await me.run('digest', '--dry-run');
    expect(digest.stdout).toContain(
      `All 5 articles stored since then from its feeds are a new feed's backlog: ${url} (5). A feed read for the first time keeps only its newest 0 items as new (ingest.initialItems) and stores the older ones as already seen. Its next new items will be in the next digest; poll now with: newsdigest ingest.\n`,
    );
  });
});
