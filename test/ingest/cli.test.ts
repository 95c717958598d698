import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTempConfig, type TempConfig } from '../helpers/tempConfig.js';
import { sampleFeedPath, startFeedServer, type FeedServer } from '../fakes/feedServer.js';
import { inheritedCliEnv, runCli, type CliRun } from '../helpers/runCli.js';

let server: FeedServer;
let config: TempConfig;
const dataDirs: string[] = [];

beforeAll(async () => {
  server = await startFeedServer();
  config = makeTempConfig({
    // Two feeds the console channel follows (through their topic) and one it does not.
    localYaml: `ingest:\n  timeoutMs: 1000\nfeeds:\n  - url: ${JSON.stringify(sampleFeedPath)}\n    title: Sample\n    topics: [ukraine-aid]\n  - url: ${JSON.stringify(server.url('/fixtures/small.xml?configured'))}\n    topics: [ukraine-war]\n  - url: ${JSON.stringify(server.url('/fixtures/small.xml?nobody'))}\n`,
  });
});
afterAll(async () => {
  await server.close();
  config.cleanup();
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

/** `newsdigest <args>` in a fresh DATA_DIR of its own, with this file's config. */
function cli(args: string[]): Promise<CliRun> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'newsdigest-cli-'));
  dataDirs.push(dataDir);
  return runCli(args, inheritedCliEnv({ DATA_DIR: dataDir, NEWSDIGEST_CONFIG_DIR: config.dir }));
}

describe('newsdigest ingest', { timeout: 90_000 }, () => {
  it('prints one JSON line per feed and exits 1 when a feed failed, having stored the others', async () => {
    const ok = server.url('/fixtures/small.xml?cli');
    const bad = server.url('/status/500');
    const notXml = server.url('/not-xml');
    const { code, stdout } = await cli(['ingest', '--feed', ok, '--feed', bad, '--feed', notXml, '--json']);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { url: ok, status: 'ok', items: 2, new: 2, backlog: 0, error: null },
      { url: bad, status: 'failed', items: 0, new: 0, backlog: 0, error: 'HTTP 500 Internal Server Error' },
      { url: notXml, status: 'failed', items: 0, new: 0, backlog: 0, error: 'not a feed: the body is not XML (it begins "Service temporarily unavailable. Please…")' },
    ]);
  });

  it('reads every feed a channel follows when no --feed is given, and exits 0 when all were read', async () => {
    const { code, stdout, stderr } = await cli(['ingest', '--json']);
    expect(stderr).toBe('Skipped 1 stored feed no channel follows (not polled; newsdigest feeds lists them).\n');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { url: string; status: string; items: number });
    expect(lines.map((l) => [l.url, l.status])).toEqual([
      [sampleFeedPath, 'ok'],
      [server.url('/fixtures/small.xml?configured'), 'ok'],
    ]);
    expect(lines[0]!.items).toBeGreaterThanOrEqual(3);
  });

  it('--channel with --feed subscribes the channel, so the feed is followed and nothing is said about it', async () => {
    const url = server.url('/fixtures/small.xml?asked');
    const { code, stdout, stderr } = await cli(['ingest', '--feed', url, '--channel', 'console:console', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({ url, status: 'ok', items: 2, new: 2, backlog: 0, error: null });
    const refused = await cli(['ingest', '--channel', 'console:console']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('newsdigest: --topic and --channel follow the feeds given with --feed; give --feed URL (or use newsdigest feeds add URL)\n');
  });

  it('prints a readable line per feed and a total without --json', async () => {
    const { code, stdout } = await cli(['ingest', '--feed', server.url('/fixtures/small.xml?human')]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        `ok       ${server.url('/fixtures/small.xml?human')}: 2 items, 2 new`,
        '1 feed(s), 2 new article(s), 0 failed',
        `No channel follows ${server.url('/fixtures/small.xml?human')}: it is not polled and its articles are in no digest. To follow it: newsdigest feeds add ${server.url('/fixtures/small.xml?human')} --channel console:console`,
        '',
      ].join('\n'),
    );
  });
});
