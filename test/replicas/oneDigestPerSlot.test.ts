/**
 * Three `newsdigest serve` processes (the real CLI) share one PostgreSQL database and one Slack
 * workspace: every replica runs every channel's schedule, yet each channel receives each slot's
 * digest exactly once.
 */
import { describe, expect, it } from 'vitest';
import { expectedMessages } from './digestWorld.js';
import { digestReplicas, waitForSentSlots } from './digestReplicas.js';

const CHANNELS = 3;
const REPLICAS = 3;
const SLOTS = 2;

const run = digestReplicas();

describe('three replicas on one PostgreSQL', () => {
  it('post exactly one digest per channel and slot', { timeout: 180_000 }, async () => {
    const w = await run.world(CHANNELS);
    const replicas = run.serve(w, REPLICAS);
    await Promise.all(replicas.map((r) => r.ready));
    const started = Date.now();

    // The latest slot is caught up at start; the next comes from the minute ticks of all three.
    await waitForSentSlots(w, SLOTS);
    // Every replica stops cleanly, finishing any digest it is posting: the count below is final.
    const exits = await Promise.all(replicas.map((r) => r.stop()));
    expect(exits).toEqual(replicas.map(() => ({ code: 0, signal: null })));

    const rows = await w.digests();
    for (const id of w.channelIds) {
      const sent = w.sentDigests(id, rows);
      expect(sent.length, `sent digests of ${id}`).toBeGreaterThanOrEqual(SLOTS);
      expect(new Set(sent.map((d) => d.slot)).size, `distinct slots of ${id}`).toBe(sent.length);
      // What reached Slack is exactly what the outbox says went out, each message once, in slot order.
      expect(w.posted(id)).toEqual(expectedMessages(id, rows));
    }

    // All three ran the schedules: ticks fired in every process (not one process doing it all).
    const producers = replicas.filter((r) => r.logsWith('digest recorded').length + r.logsWith('digest sent').length > 0);
    const posts = w.slack.posts.length;
    console.info(
      `[scale-out] ${REPLICAS} replicas, ${CHANNELS} channels, ${rows.filter((r) => r.status === 'sent').length} digests sent ` +
        `(slots ${[...new Set(rows.map((r) => r.slot.slice(11, 16)))].join(', ')} UTC), ${posts} Slack posts, 0 duplicates; ` +
        `recorded/sent by ${producers.length} replicas; ${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(posts).toBe(rows.reduce((n, r) => n + r.sentParts, 0));
  });
});
