/**
 * `serve` with no chat credentials: the console is the channel, and an alert declared in config is
 * printed on stdout once the poller stores a report that crosses its line.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { startApp } from '../../src/app/startApp.js';
import { silentLogger } from '../../src/observability/logger.js';
import { openRuntime } from '../../src/runtime.js';
import { repoRoot } from '../helpers/tempConfig.js';
import { aidReport, startFeedWorld } from './world.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('serve on the console', () => {
  it('prints an alert from config when the poller stores a crossing report', async () => {
    const feed = await startFeedWorld();
    cleanups.push(() => feed.close());
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsdigest-alert-console-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const configDir = path.join(dir, 'config');
    mkdirSync(configDir);
    copyFileSync(path.join(repoRoot, 'config/default.yaml'), path.join(configDir, 'default.yaml'));
    writeFileSync(path.join(configDir, 'local.yaml'), stringify({
      feeds: [{ url: feed.url, topics: ['ukraine-aid'] }],
      channels: [{ platform: 'console', id: 'console', topics: ['ukraine-aid'], alerts: [{ measure: 'US aid to Ukraine', when: 'above', value: '$70 billion' }] }],
      ingest: { pollIntervalMinutes: 1 },
    }));
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    cleanups.push(() => spy.mockRestore());

    feed.publish(aidReport('s1', '2024-11-04', '$66 billion'));
    const rt = await openRuntime({ configDir, env: { DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' }, dotenv: false, logger: silentLogger });
    let offsetMs = 0;
    const app = await startApp(rt, { port: 0, host: '127.0.0.1', poller: { now: () => new Date(Date.now() + offsetMs), tickMs: 50 } });
    cleanups.push(async () => {
      await app.stop();
      await rt.close();
    });
    expect([...app.senders.keys()]).toEqual(['console']);
    const waitFor = async (check: () => boolean | Promise<boolean>, what: string) => {
      for (const until = Date.now() + 20_000; !(await check()); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    };
    await waitFor(async () => (await rt.store.countArticles()) === 1, 'the first report');

    feed.publish(aidReport('s2', '2024-11-11', '$71 billion'));
    offsetMs += 2 * 60_000;
    await waitFor(() => written.join('').includes('ALERT: '), 'the alert on stdout');
    const printed = written.join('');
    expect(printed).toContain('ALERT: total aid (United States) went above $70 billion\nNow: more than $71 billion since February 2022 (Wire, 11 Nov 2024)\nBefore: more than $66 billion (4 Nov 2024)\n');
    expect(printed.split('ALERT: ')).toHaveLength(2);
  });
});
