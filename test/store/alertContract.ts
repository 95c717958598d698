/**
 * The alert part of the Store contract, run unchanged on SQLite and PostgreSQL (from sqlite.test.ts
 * and postgres.test.ts): alerts once per rule, the version-guarded baseline, a firing recorded with
 * its message in the one outbox, and replicas racing to fire the same crossing.
 */
import { describe, expect, it } from 'vitest';
import type { AlertFiringInput, AlertInput, Store } from '../../src/store/store.js';
import { at, migratedStoreEachTest, type StoreHarness, type StoreHarnessFactory } from './storeContract.js';

export function describeAlertStoreContract(name: string, harnesses: StoreHarnessFactory): void {
  describe(`Store contract, alerts: ${name}`, () => {
    let harness: StoreHarness;
    let store: Store;

    migratedStoreEachTest(harnesses, async (h, s) => {
      harness = h;
      store = s;
      await store.upsertChannel({ platform: 'slack', externalId: 'C1', workspaceId: 'T1', schedule: '0 8 * * *', timezone: 'UTC', maxArticles: 10, postWhenEmpty: false, origin: 'chat' });
    });

    const input = (overrides: Partial<AlertInput> = {}): AlertInput => ({
      channelKey: 'slack:C1', measure: 'US aid to Ukraine', condition: 'above', threshold: 70e9, unit: null, origin: 'chat',
      state: 'off', lastFigureId: 5, lastValue: 66e9, lastUnit: 'USD', lastPublished: at(0), ...overrides,
    });
    const firing = (alertId: number, expectedVersion: number, articleId = 9): AlertFiringInput => ({
      alertId, expectedVersion,
      baseline: { state: 'on', lastFigureId: 6, lastValue: 71e9, lastUnit: 'USD', lastPublished: at(60) },
      figure: {
        figureId: 6, value: 71e9, valueMax: null, unit: 'USD', qualifier: 'more_than', category: 'aid', actor: 'United States', cumulative: true, since: '2022-02',
        published: at(60), quote: 'more than $71 billion', sentence: 'The US has given more than $71 billion.', article: { id: articleId, title: 'Aid passes $71 billion', link: 'https://news.example/71', source: 'Wire' },
      },
      previous: { value: 66e9, valueMax: null, unit: 'USD', qualifier: 'exact', published: at(0), source: 'Wire' },
      payload: [{ text: 'Alert: aid went above $70 billion', blocks: [] }],
    });

    it('adds an alert once per channel and rule (measure words compared without case or spacing)', async () => {
      const first = await store.addAlert(input(), at(1));
      expect(first.created).toBe(true);
      expect(first.alert).toEqual({ ...input(), id: first.alert.id, version: 0, createdAt: at(1), updatedAt: at(1) });
      const again = await store.addAlert(input({ measure: '  us AID   to ukraine ', origin: 'cli' }), at(2));
      expect(again).toEqual({ alert: first.alert, created: false });
      const other = await store.addAlert(input({ threshold: 80e9 }), at(3));
      expect(other.created).toBe(true);
      expect((await store.listAlerts('slack:C1')).map((a) => a.threshold)).toEqual([70e9, 80e9]);
      expect(await store.listAlerts('slack:OTHER')).toEqual([]);
    });

    it('refuses an alert for a channel it does not know, and rules that make no sense', async () => {
      await expect(store.addAlert(input({ channelKey: 'slack:NOPE' }), at(1))).rejects.toThrow(/unknown channel "slack:NOPE"/);
      await expect(store.addAlert(input({ condition: 'changes' }), at(1))).rejects.toThrow(/a "changes" alert has no threshold/);
      await expect(store.addAlert(input({ threshold: null }), at(1))).rejects.toThrow(/an "above" alert needs a finite threshold/);
    });

    it('moves the baseline only from the version it was read at', async () => {
      const { alert } = await store.addAlert(input(), at(1));
      const moved = { state: 'off' as const, lastFigureId: 7, lastValue: 67e9, lastUnit: 'USD', lastPublished: at(30) };
      expect(await store.updateAlertBaseline(alert.id, 0, moved, at(31))).toBe(true);
      expect(await store.updateAlertBaseline(alert.id, 0, { ...moved, lastValue: 1 }, at(32))).toBe(false);
      expect(await store.getAlert(alert.id)).toMatchObject({ ...moved, version: 1, updatedAt: at(31) });
    });

    it('a firing moves the baseline, is listed with its figure, and its message waits in the outbox as an alert', async () => {
      const { alert } = await store.addAlert(input(), at(1));
      const fired = await store.recordAlertFiring(firing(alert.id, 0), at(61));
      expect(fired).toMatchObject({ alertId: alert.id, channelKey: 'slack:C1', firedAt: at(61), figure: firing(alert.id, 0).figure, previous: firing(alert.id, 0).previous, status: 'pending', sentAt: null });
      expect(await store.getAlert(alert.id)).toMatchObject({ state: 'on', lastFigureId: 6, lastValue: 71e9, version: 1 });
      const outbox = await store.getDigest(fired!.outboxId);
      expect(outbox).toMatchObject({ kind: 'alert', channelKey: 'slack:C1', status: 'pending', payload: firing(alert.id, 0).payload, articleIds: [9], slot: at(61) });
      // Alert messages are not digests: a channel's digest history and period ignore them.
      expect(await store.lastDigest('slack:C1')).toBeNull();
      expect(await store.listDigests('slack:C1', 10)).toEqual([]);
      const [claimed] = await store.claimPendingDigests(at(62), 'worker-a', 60_000, 10, ['slack'], ['alert']);
      expect(claimed!.id).toBe(fired!.outboxId);
      await store.markDigestSent(claimed!.id, at(63));
      expect((await store.listAlertFirings(alert.id, 10)).map((f) => [f.status, f.sentAt])).toEqual([['sent', at(63)]]);
    });

    it('two alerts of one channel may fire in the same millisecond; digests stay one per slot', async () => {
      const a = (await store.addAlert(input(), at(1))).alert;
      const b = (await store.addAlert(input({ threshold: 60e9 }), at(1))).alert;
      expect(await store.recordAlertFiring(firing(a.id, 0), at(61))).not.toBeNull();
      expect(await store.recordAlertFiring(firing(b.id, 0), at(61))).not.toBeNull();
      expect((await store.recordDigest({ channelKey: 'slack:C1', slot: at(61), payload: [{ text: 'digest' }], articleIds: [], periodStart: at(0), periodEnd: at(61) }, at(61))).created).toBe(true);
      expect((await store.recordDigest({ channelKey: 'slack:C1', slot: at(61), payload: [{ text: 'again' }], articleIds: [], periodStart: at(0), periodEnd: at(61) }, at(61))).created).toBe(false);
      expect(await store.claimPendingDigests(at(62), 'w', 60_000, 10, undefined, ['digest'])).toHaveLength(1);
    });

    it('a firing decided on an old version records nothing', async () => {
      const { alert } = await store.addAlert(input(), at(1));
      expect(await store.recordAlertFiring(firing(alert.id, 0), at(61))).not.toBeNull();
      expect(await store.recordAlertFiring(firing(alert.id, 0), at(62))).toBeNull();
      expect(await store.listAlertFirings(alert.id, 10)).toHaveLength(1);
      expect(await store.claimPendingDigests(at(63), 'w', 60_000, 10)).toHaveLength(1);
    });

    it('of several connections firing the same crossing at once, exactly one records it', async () => {
      const { alert } = await store.addAlert(input(), at(1));
      const others = await Promise.all([harness.open(), harness.open()]);
      for (const o of others) await o.migrate();
      const results = await Promise.all([store, ...others, store].map((s) => s.recordAlertFiring(firing(alert.id, 0), at(61))));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await store.listAlertFirings(alert.id, 10)).toHaveLength(1);
      expect(await store.claimPendingDigests(at(62), 'w', 60_000, 10)).toHaveLength(1);
    });

    it('removing an alert removes its firings; a message already in the outbox still goes out', async () => {
      const { alert } = await store.addAlert(input(), at(1));
      const fired = await store.recordAlertFiring(firing(alert.id, 0), at(61));
      expect(await store.removeAlert(alert.id)).toBe(true);
      expect(await store.removeAlert(alert.id)).toBe(false);
      expect(await store.getAlert(alert.id)).toBeNull();
      expect(await store.listAlertFirings(alert.id, 10)).toEqual([]);
      expect((await store.getDigest(fired!.outboxId))!.status).toBe('pending');
    });
  });
}
