/**
 * `newsdigest alerts` and `newsdigest ingest` as an operator runs them (child processes, SQLite in a
 * temp folder): an alert declared in config and one added on the command line, evaluated as
 * `ingest` stores the reports, printed by the console channel, then listed with their firings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAlertsAdd, runAlertsList, runAlertsRemove, type AlertsCliOptions } from '../../src/cli/alerts.js';
import { makeTempConfig, type TempConfig } from '../helpers/tempConfig.js';
import { captured } from './world.js';
import { aidReport, startFeedWorld, type FeedWorld } from './world.js';
import { inheritedCliEnv, runCli, type CliRun } from '../helpers/runCli.js';

let feed: FeedWorld;
let config: TempConfig;
let dataDir: string;

beforeAll(async () => {
  feed = await startFeedWorld();
  config = makeTempConfig({
    localYaml: `feeds: []\nchannels:\n  - platform: console\n    id: console\n    topics: [ukraine-aid]\n    feeds: [${JSON.stringify(feed.url)}]\n    alerts:\n      - { measure: US aid to Ukraine, when: above, value: 70bn }\n`,
  });
  dataDir = mkdtempSync(path.join(tmpdir(), 'newsdigest-alerts-cli-'));
});
afterAll(async () => {
  await feed.close();
  config.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `newsdigest alerts ...` in this process (the same functions the commands run), with its output. */
async function alerts(run: (o: AlertsCliOptions) => Promise<number>): Promise<{ code: number; stdout: string }> {
  const out = captured();
  const code = await run({ configDir: config.dir, env: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, out: out.out });
  return { code, stdout: out.text() };
}

/** `newsdigest ingest ...` as a child process. */
function cli(...args: string[]): Promise<CliRun> {
  return runCli(args, inheritedCliEnv({ DATA_DIR: dataDir, NEWSDIGEST_CONFIG_DIR: config.dir }));
}

describe('newsdigest alerts and ingest, on the console', () => {
  it('adds, fires on ingest, lists with firings as JSON, and removes', { timeout: 90_000 }, async () => {
    const added = await alerts((o) => runAlertsAdd('console:console', '"US aid to Ukraine" below 50e9', o));
    expect(added).toMatchObject({ code: 0, stdout: 'Alert 2 set: this channel is told when total aid (United States) goes below 50 billion. No figure of it is stored yet; the alert fires on the first one below 50 billion. newsdigest alerts remove 2 stops it.\n' });
    const noRule = await alerts((o) => runAlertsAdd('console:console', 'US aid', o));
    expect(noRule).toEqual({ code: 1, stdout: 'error: say what to watch, then above or below a value, or changes, e.g. newsdigest alerts add --channel console:console "US aid to Ukraine" above 70e9\n' });
    const bad = await alerts((o) => runAlertsAdd('console:console', '"US aid to Ukraine" above lots', o));
    expect(bad).toMatchObject({ code: 1, stdout: '"lots" is not a value I can read; write it like 70bn, $70 billion, 700 or 70e9, e.g. /alert add US aid to Ukraine above 70bn. Nothing was changed.\n' });
    const noChannel = await alerts((o) => runAlertsAdd('slack:CNOPE', 'US aid changes', o));
    expect(noChannel.code).toBe(1);
    expect(noChannel.stdout).toBe('error: there is no channel slack:CNOPE; known channels: console:console. Declare it under channels: in config, or set it up from chat.\n');

    feed.publish(aidReport('k1', '2024-11-04', '$66 billion'));
    const first = await cli('ingest', '--feed', feed.url);
    expect(first.stdout).toBe(`ok       ${feed.url}: 1 items, 1 new\n1 feed(s), 1 new article(s), 0 failed\n`);

    feed.publish(aidReport('k2', '2024-11-11', '$71 billion'));
    const second = await cli('ingest', '--feed', feed.url);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(
      [
        'ALERT: total aid (United States) went above $70 billion',
        'Now: more than $71 billion since February 2022 (Wire, 11 Nov 2024)',
        'Before: more than $66 billion (4 Nov 2024)',
        '"The Pentagon said the United States has now provided more than $71 billion in military aid to Ukraine since February 2022."',
        'US aid to Ukraine reaches $71 billion https://wire.example/k2',
        'Alert 1 (above $70 billion) · /alert remove 1 stops it',
        `ok       ${feed.url}: 2 items, 1 new`,
        '1 feed(s), 1 new article(s), 0 failed',
        '',
      ].join('\n'),
    );

    const listed = await alerts((o) => runAlertsList(undefined, true, o));
    expect(listed.code).toBe(0);
    const listedAlerts = JSON.parse(listed.stdout) as Array<Record<string, unknown> & { firings: Array<Record<string, unknown>> }>;
    expect(listedAlerts.map((a) => [a.id, a.channel, a.condition, a.threshold, a.origin, a.state])).toEqual([
      [1, 'console:console', 'above', 70e9, 'config', 'on'],
      [2, 'console:console', 'below', 50e9, 'cli', 'off'],
    ]);
    expect(listedAlerts[0]!.firings).toHaveLength(1);
    expect(listedAlerts[0]!.firings[0]).toMatchObject({
      delivery: 'sent',
      figure: { value: 71e9, unit: 'USD', qualifier: 'more_than', published: '2024-11-11T10:00:00.000Z', article: { title: 'US aid to Ukraine reaches $71 billion', link: 'https://wire.example/k2', source: 'Wire' } },
      previous: { value: 66e9, published: '2024-11-04T10:00:00.000Z' },
    });
    expect(listedAlerts[1]!.firings).toEqual([]);

    const human = await alerts((o) => runAlertsList('console:console', false, o));
    expect(human.stdout.split('\n')[0]).toMatch(/^console:console 1: US aid to Ukraine above 70 billion \[from config\]: above 70 billion now \(latest \$71 billion, 11 Nov 2024\); fired once, last today \d\d:\d\d UTC \(posted\)$/);

    expect(await alerts((o) => runAlertsRemove('1', o))).toMatchObject({ code: 1, stdout: 'Alert 1 is declared in config (channels[].alerts of console:console); remove it there. Nothing was changed.\n' });
    expect(await alerts((o) => runAlertsRemove('2', o))).toMatchObject({ code: 0, stdout: 'Removed alert 2 (console:console: US aid to Ukraine).\n' });
    expect(await alerts((o) => runAlertsRemove('2', o))).toMatchObject({ code: 1, stdout: 'There is no alert 2; newsdigest alerts list shows them. Nothing was changed.\n' });
  });
});
