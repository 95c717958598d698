import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAlert } from '../../src/alerts/addAlert.js';
import { alertsOnStored, evaluateAlerts, type FiredAlert } from '../../src/alerts/evaluateAlerts.js';
import { ConsoleSender } from '../../src/delivery/consoleSender.js';
import { ingestFeeds } from '../../src/ingest/ingestFeeds.js';
import { silentLogger } from '../../src/observability/logger.js';
import { deliverPendingDigests } from '../../src/schedule/deliverDigests.js';
import type { ChannelRecord, Store } from '../../src/store/store.js';
import { aidReport, alertConfig, captured, startFeedWorld, tempSqlite, type FeedWorld, type Report, type TempSqlite } from './world.js';

const config = alertConfig();
let db: TempSqlite;
let feed: FeedWorld;
let store: Store;
let channel: ChannelRecord;

beforeEach(async () => {
  db = await tempSqlite();
  store = db.store;
  feed = await startFeedWorld();
  channel = await store.upsertChannel({ platform: 'console', externalId: 'console', workspaceId: null, schedule: '0 8 * * *', timezone: 'UTC', maxArticles: 25, postWhenEmpty: false, origin: 'config' });
});
afterEach(async () => {
  await feed.close();
  await db.cleanup();
});

const now = () => new Date();
const deps = () => ({ store, config, logger: silentLogger, now });

/** Ingests the feed as `newsdigest ingest` does, alerts evaluated as the figures are stored. */
async function ingest(): Promise<FiredAlert[]> {
  const fired: FiredAlert[] = [];
  const [result] = await ingestFeeds({ store, config, logger: silentLogger }, { feeds: [feed.url], onStored: alertsOnStored(deps(), (f) => fired.push(...f)) });
  expect(result!.status).toBe('ok');
  return fired;
}

async function deliver(): Promise<string> {
  const console = captured();
  await deliverPendingDigests({ store, config, logger: silentLogger, senders: new Map([['console', new ConsoleSender({ out: console.out })]]), owner: 'test', now });
  return console.text();
}

async function alertOn(words: string, condition: string, value?: string) {
  const r = await addAlert({ store, config }, channel, { measure: words, condition, value }, 'chat', now());
  if (!r.ok) throw new Error(r.text);
  return r.alert;
}

describe('alerts when new figures are stored', () => {
  it('US aid going above $70 billion posts one alert with the new value, the one before, the source, the quote and the link', async () => {
    await alertOn('US aid to Ukraine', 'above', '70bn');
    feed.publish(aidReport('a1', '2024-11-04', '$66 billion'));
    expect(await ingest()).toEqual([]);
    feed.publish(aidReport('a2', '2024-11-11', '$71 billion'));
    const fired = await ingest();
    expect(fired).toHaveLength(1);
    expect(fired[0]!.firing.figure).toMatchObject({ value: 71e9, unit: 'USD', qualifier: 'more_than', since: '2022-02', published: '2024-11-11T10:00:00.000Z', article: { title: 'US aid to Ukraine reaches $71 billion', link: 'https://wire.example/a2', source: 'Wire' } });
    expect(fired[0]!.firing.previous).toMatchObject({ value: 66e9, published: '2024-11-04T10:00:00.000Z' });
    const alertId = fired[0]!.alert.id;
    expect(await deliver()).toBe(
      [
        'ALERT: total aid (United States) went above $70 billion',
        'Now: more than $71 billion since February 2022 (Wire, 11 Nov 2024)',
        'Before: more than $66 billion (4 Nov 2024)',
        '"The Pentagon said the United States has now provided more than $71 billion in military aid to Ukraine since February 2022."',
        'US aid to Ukraine reaches $71 billion https://wire.example/a2',
        `Alert ${alertId} (above $70 billion) · /alert remove ${alertId} stops it`,
        '',
      ].join('\n'),
    );
    // Delivered once: the outbox holds it as sent, and a second pass posts nothing.
    expect(await deliver()).toBe('');
    expect((await store.listAlertFirings(alertId, 10)).map((f) => f.status)).toEqual(['sent']);
  });

  it('fires once per crossing: a restatement above the line is quiet, going back under and over again fires again', async () => {
    const alert = await alertOn('US aid to Ukraine', 'above', '$70 billion');
    feed.publish(aidReport('b1', '2024-11-04', '$66 billion'));
    await ingest();
    const firedOn: string[] = [];
    for (const [id, day, amount] of [['b2', '2024-11-05', '$71 billion'], ['b3', '2024-11-06', '$72 billion'], ['b4', '2024-11-07', '$69 billion'], ['b5', '2024-11-08', '$69.5 billion'], ['b6', '2024-11-09', '$75 billion']] as const) {
      feed.publish(aidReport(id, day, amount));
      for (const f of await ingest()) firedOn.push(f.firing.figure.article.link!);
    }
    expect(firedOn).toEqual(['https://wire.example/b2', 'https://wire.example/b6']);
    expect(await store.getAlert(alert.id)).toMatchObject({ state: 'on', lastValue: 75e9 });
  });

  it('"changes" fires when the latest value changes, not when the same value is reported again', async () => {
    await alertOn('US aid to Ukraine', 'changes');
    feed.publish(aidReport('c1', '2024-11-04', '$66 billion'));
    const first = await ingest();
    feed.publish(aidReport('c2', '2024-11-05', '$66 billion', 'about'));
    const same = await ingest();
    feed.publish(aidReport('c3', '2024-11-06', '$67 billion'));
    const changed = await ingest();
    expect([first.length, same.length, changed.length]).toEqual([1, 0, 1]);
    expect(await deliver()).toContain('ALERT: total aid (United States) changed\nNow: more than $67 billion since February 2022 (Wire, 6 Nov 2024)\nBefore: about $66 billion (5 Nov 2024)');
  });

  it("a new feed's backlog crossing the line does not fire; the alert starts from it", async () => {
    const alert = await alertOn('US aid to Ukraine', 'above', '70bn');
    // A feed seen for the first time: all but its newest 3 items are stored as already seen.
    const other = (id: string, day: string): Report => ({ id, day, title: `Air raid report ${id}`, text: 'Russia launched 90 drones at Ukraine overnight, the air force said.' });
    feed.publish(aidReport('d1', '2024-10-01', '$71 billion'), other('x1', '2024-10-02'), other('x2', '2024-10-03'), other('x3', '2024-10-04'));
    expect(await ingest()).toEqual([]);
    expect(await store.getAlert(alert.id)).toMatchObject({ state: 'on', lastValue: 71e9 });
  });

  it('an alert set while the value is already past its line waits for the next crossing', async () => {
    feed.publish(aidReport('e1', '2024-11-04', '$72 billion'));
    await ingest();
    const r = await addAlert({ store, config }, channel, { measure: 'US aid to Ukraine', condition: 'above', value: '70bn' }, 'chat', now());
    expect(r.text).toBe(`Alert ${r.ok ? r.alert.id : 0} set: this channel is told when total aid (United States) goes above $70 billion. Latest: more than $72 billion (Wire, 4 Nov 2024). That is above $70 billion already, so the alert fires when it comes back and crosses again. /alert remove ${r.ok ? r.alert.id : 0} stops it.`);
    feed.publish(aidReport('e2', '2024-11-05', '$73 billion'));
    expect(await ingest()).toEqual([]);
  });

  it('two evaluations of the same new figure (two workers) record one firing', async () => {
    const alert = await alertOn('US aid to Ukraine', 'above', '70bn');
    feed.publish(aidReport('f1', '2024-11-04', '$66 billion'));
    await ingest();
    feed.publish(aidReport('f2', '2024-11-05', '$71 billion'));
    // Stored without evaluation, then looked at by several evaluations at once.
    await ingestFeeds({ store, config, logger: silentLogger }, { feeds: [feed.url] });
    const results = await Promise.all([evaluateAlerts(deps()), evaluateAlerts(deps()), evaluateAlerts(deps())]);
    expect(results.map((r) => r.length).sort()).toEqual([0, 0, 1]);
    expect(await store.listAlertFirings(alert.id, 10)).toHaveLength(1);
  });

  it('alerts on measures the new figures do not touch are not looked at', async () => {
    const drones = await alertOn('drones launched by Russia', 'above', '700');
    feed.publish(aidReport('g1', '2024-11-04', '$71 billion'));
    await ingest();
    expect(await store.getAlert(drones.id)).toMatchObject({ version: 0, state: 'unknown' });
  });
});
