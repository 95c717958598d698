/**
 * A replica killed with SIGKILL while it posts a digest: it dies holding the digest's delivery lease
 * with the message not out (the fake Slack's first chat.postMessage is stalled at the network and
 * never reaches Slack). Once the lease expires another replica takes the digest over and posts it,
 * once; the two survivors carry on with the next slot. Each digest reaches its channel exactly once.
 */
import { describe, expect, it } from 'vitest';
import { asMultiset, expectedMessages, type DigestRow } from './digestWorld.js';
import { digestReplicas, waitForSentSlots } from './digestReplicas.js';
import { waitFor } from './waitFor.js';

const CHANNELS = 3;
const SLOTS = 2;
/** Short, so the test sees the takeover; long enough that a loaded machine never lets a live post outlast it. */
const DELIVERY_LEASE_MS = 10_000;

const run = digestReplicas();

describe('a replica killed mid-run', () => {
  it('leaves its digest to another replica once the lease expires, and every digest is posted exactly once', { timeout: 240_000 }, async () => {
    const w = await run.world(CHANNELS);
    w.proxy.stallNext('chat.postMessage');
    const replicas = run.leased(w, ['replica-1', 'replica-2', 'replica-3'], DELIVERY_LEASE_MS);

    // The caught-up slot is delivered as soon as a replica runs; its first post hangs.
    await waitFor('the first post to stall', () => w.proxy.stalled.length === 1, 120_000);
    const stall = w.proxy.stalled[0]!;
    const held = (await w.digests()).find((d) => d.channelKey === `slack:${stall.channel}` && d.status === 'pending' && d.leaseOwner !== null);
    expect(held, 'the digest whose post stalled is leased').toBeDefined();
    const stuck = held!;
    const victim = replicas.find((r) => r.name === stuck.leaseOwner);
    expect(victim, `lease owner ${stuck.leaseOwner} is one of the replicas`).toBeDefined();
    const survivors = replicas.filter((r) => r !== victim);

    // Killed when the stalled message is the only one it has in hand: whatever else it took is out and recorded.
    await waitFor(`${victim!.name} to hold no other digest`, async () => (await w.digests()).every((d) => d.id === stuck.id || d.leaseOwner !== victim!.name), 60_000, 50);
    const exit = await victim!.killHard();
    const killedAt = Date.now();
    expect(exit.signal).toBe('SIGKILL');
    await waitFor('the stalled connection to close with the process', () => stall.closedAt !== null, 10_000);

    await waitFor('the stalled digest to be sent by a survivor', async () => (await w.digests()).find((d) => d.id === stuck.id)?.status === 'sent', 120_000, 250);
    const leaseUntil = Date.parse(stuck.leaseUntil!);
    // Its message, told apart from the channel's other digests (each names its own period).
    const message = JSON.stringify(stuck.payload[0]);
    const others = (await w.digests()).filter((d) => d.channelKey === stuck.channelKey && d.id !== stuck.id).flatMap((d) => d.payload.map((m) => JSON.stringify(m)));
    expect(others).not.toContain(message);
    const retakes = w.slack.posts.filter((p) => p.channel === stall.channel && JSON.stringify({ text: p.text, ...(p.blocks ? { blocks: p.blocks } : {}) }) === message);
    expect(retakes).toHaveLength(1);
    const retakenAt = Number(retakes[0]!.ts) * 1000;
    // Not before the dead replica's lease ran out: nobody steals a live lease.
    expect(retakenAt).toBeGreaterThanOrEqual(leaseUntil - 1);
    const deliverers = survivors.filter((r) => r.logsWith('digest sent').some((l) => l.digestId === stuck.id));
    expect(deliverers).toHaveLength(1);

    // The survivors go on with the next slot.
    await waitForSentSlots(w, SLOTS);
    const exits = await Promise.all(survivors.map((r) => r.stop()));
    expect(exits).toEqual(survivors.map(() => ({ code: 0, signal: null })));

    const rows: DigestRow[] = await w.digests();
    let inOrder = true;
    for (const id of w.channelIds) {
      const sent = w.sentDigests(id, rows);
      expect(sent.length, `sent digests of ${id}`).toBeGreaterThanOrEqual(SLOTS);
      const posted = w.posted(id);
      const expected = expectedMessages(id, rows);
      // Each message exactly once (compared as multisets: a taken-over digest may arrive after a later slot's).
      expect(asMultiset(posted)).toEqual(asMultiset(expected));
      if (JSON.stringify(posted) !== JSON.stringify(expected)) inOrder = false;
    }
    expect(w.slack.posts.length).toBe(rows.reduce((n, r) => n + r.sentParts, 0));
    console.info(
      `[scale-out] SIGKILL: 3 replicas, ${CHANNELS} channels, ${rows.filter((r) => r.status === 'sent').length} digests sent, ${w.slack.posts.length} Slack posts, 0 duplicates; ` +
        `${victim!.name} killed holding digest ${stuck.id} (${stuck.channelKey} ${stuck.slot.slice(11, 16)}), ` +
        `taken over by ${deliverers[0]!.name} ${((retakenAt - leaseUntil) / 1000).toFixed(1)} s after its lease expired ` +
        `(${((retakenAt - killedAt) / 1000).toFixed(1)} s after the kill; lease ${DELIVERY_LEASE_MS / 1000} s); slot order kept: ${inOrder}`,
    );
  });
});
