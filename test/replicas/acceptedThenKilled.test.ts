/**
 * The narrowest crash window of a delivery: the platform has accepted a digest message, and the
 * replica that posted it is SIGKILLed before the answer reaches it, so the outbox never recorded
 * it. The replica that takes the digest over must not post it a second time: on Slack, which has no
 * idempotency key, it finds the message in the channel's history by its metadata; on Discord the
 * message's nonce (enforce_nonce) makes Discord answer with the message it already has.
 */
import { describe, expect, it } from 'vitest';
import { nonceFor } from '../../src/platforms/discord/nonce.js';
import { asMultiset, expectedMessages } from './digestWorld.js';
import { digestReplicas } from './digestReplicas.js';
import { waitFor } from './waitFor.js';

const DELIVERY_LEASE_MS = 10_000;

const run = digestReplicas();

describe('a replica killed after Discord accepted its message', () => {
  it('the replica that takes the digest over sends the same nonce and Discord keeps one message', { timeout: 240_000 }, async () => {
    const w = await run.world(1, 'discord');
    const discord = w.discord!;
    const channel = w.channelIds[0]!;
    w.proxy.swallowResponseNext(`/v10/channels/${channel}/messages`);
    const replicas = run.leased(w, ['replica-1', 'replica-2'], DELIVERY_LEASE_MS);

    await waitFor('Discord to accept the first message while its answer is held back', () => w.proxy.swallowed.length === 1, 120_000);
    expect(w.proxy.swallowed[0]!.upstreamStatus).toBe(200);
    const held = (await w.digests()).find((d) => d.status === 'pending' && d.leaseOwner !== null && d.sentParts === 0);
    expect(held, 'the digest whose answer was held back is leased and has nothing recorded').toBeDefined();
    const stuck = held!;
    const nonce = nonceFor(`${stuck.id}:0`);
    expect(discord.messages(channel).map((m) => m.nonce)).toEqual([nonce]);
    const victim = replicas.find((r) => r.name === stuck.leaseOwner)!;
    const survivor = replicas.find((r) => r !== victim)!;

    expect((await victim.killHard()).signal).toBe('SIGKILL');
    await waitFor('the digest to be recorded as sent by the survivor', async () => (await w.digests()).find((d) => d.id === stuck.id)?.status === 'sent', 120_000, 250);

    expect(discord.messages(channel).filter((m) => m.nonce === nonce)).toHaveLength(1);
    // Every message of the channel once: as many as the digests recorded as out, no nonce twice.
    const rows = (await w.digests()).filter((d) => d.channelKey === `discord:${channel}`);
    const nonces = discord.messages(channel).map((m) => m.nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(nonces.length).toBe(rows.reduce((n, r) => n + r.sentParts, 0));
    expect(await survivor.stop()).toEqual({ code: 0, signal: null });
  });
});

describe('a replica killed after Slack accepted its message', () => {
  it('the replica that takes the digest over finds the message by its metadata and posts it no second time', { timeout: 240_000 }, async () => {
    const w = await run.world(1);
    const channel = w.channelIds[0]!;
    w.proxy.swallowResponseNext('chat.postMessage');
    const replicas = run.leased(w, ['replica-1', 'replica-2'], DELIVERY_LEASE_MS);

    await waitFor('Slack to accept the first message while its answer is held back', () => w.proxy.swallowed.length === 1, 120_000);
    expect(w.proxy.swallowed[0]!.upstreamStatus).toBe(200);
    expect(w.slack.posts).toHaveLength(1);
    const accepted = w.slack.posts[0]!;
    const held = (await w.digests()).find((d) => d.status === 'pending' && d.leaseOwner !== null && d.sentParts === 0);
    expect(held, 'the digest whose answer was held back is leased and has nothing recorded').toBeDefined();
    const stuck = held!;
    expect(accepted.metadata).toEqual({ event_type: 'newsdigest_digest_part', event_payload: { part: `${stuck.id}:0` } });
    const victim = replicas.find((r) => r.name === stuck.leaseOwner)!;
    const survivor = replicas.find((r) => r !== victim)!;

    expect((await victim.killHard()).signal).toBe('SIGKILL');
    await waitFor('the digest to be recorded as sent by the survivor', async () => (await w.digests()).find((d) => d.id === stuck.id)?.status === 'sent', 120_000, 250);

    const message = JSON.stringify(stuck.payload[0]);
    const copies = w.slack.posts.filter((p) => p.channel === channel && JSON.stringify({ text: p.text, ...(p.blocks ? { blocks: p.blocks } : {}) }) === message);
    expect(copies.map((p) => p.ts)).toEqual([accepted.ts]);
    expect(survivor.logsWith('message already posted before an interruption: not posting it again').map((l) => l.digestId)).toContain(stuck.id);
    // Every message of the channel exactly once, the survivor's later digests included.
    const rows = await w.digests();
    expect(asMultiset(w.posted(channel))).toEqual(asMultiset(expectedMessages(channel, rows)));
    expect(await survivor.stop()).toEqual({ code: 0, signal: null });
  });
});
