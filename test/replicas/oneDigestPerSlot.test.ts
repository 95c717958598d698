/**
 * Three `newsdigest serve` processes (the real CLI) share one PostgreSQL database and one Slack
 * workspace: every replica runs every channel's schedule, yet each channel receives each slot's
 * digest exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ENTRY, killAll, spawnReplica, type ReplicaProcess } from './replicaProcess.js';
import { createDigestWorld, expectedMessages, type DigestWorld } from './digestWorld.js';
import { waitFor } from './waitFor.js';

const CHANNELS = 3;
const REPLICAS = 3;
const SLOTS = 2;

let world: DigestWorld | undefined;
let replicas: ReplicaProcess[] = [];

afterEach(async () => {
  await killAll(replicas);
  replicas = [];
  await world?.close();
  world = undefined;
});

describe('three replicas on one PostgreSQL', () => {
  it('post exactly one digest per channel and slot', { timeout: 180_000 }, async () => {
    world = await createDigestWorld(CHANNELS);
    const w = world;
    replicas = Array.from({ length: REPLICAS }, (_, i) => spawnReplica(`replica-${i + 1}`, CLI_ENTRY, w.replicaEnv));
    await Promise.all(replicas.map((r) => r.ready));
    const started = Date.now();

    // The latest slot is caught up at start; the next comes from the minute ticks of all three.
    await waitFor(
      `${SLOTS} sent digests in each of ${CHANNELS} channels`,
      async () => {
        const rows = await w.digests();
        return w.channelIds.every((id) => w.sentDigests(id, rows).length >= SLOTS);
      },
      150_000,
      250,
    );
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
