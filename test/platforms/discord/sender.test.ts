import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordSender } from '../../../src/platforms/discord/sender.js';
import { createDiscordRest } from '../../../src/platforms/discord/restClient.js';
import { nonceFor } from '../../../src/platforms/discord/nonce.js';
import { DeliveryError, type ChatSender } from '../../../src/delivery/sender.js';
import type { Digest } from '../../../src/digest/digest.js';
import { FakeDiscord, LIMITS, checkMessageBody, embedLength } from '../../fakes/discord/index.js';

const GUILD = '510000000000000001';
const CHANNEL = '510000000000000011';
const LOCKED = '510000000000000012';
const UNKNOWN = '510000000000000404';
const POST_ROUTE = 'POST /channels/:id/messages';

let fake: FakeDiscord;
let sender: ChatSender;

const message = (content: string) => ({ content, embeds: [], allowed_mentions: { parse: [] } });

function makeSender(options: { maxRateLimitWaitMs?: number; retries?: number } = {}): ChatSender {
  return createDiscordSender(createDiscordRest({ apiBase: fake.apiBase, token: fake.token, ...options }));
}

beforeEach(async () => {
  fake = await FakeDiscord.start({ guilds: [{ id: GUILD, channels: [{ id: CHANNEL }, { id: LOCKED, botCanSend: false }] }] });
  sender = makeSender();
});
afterEach(async () => fake.close());

function digestOf(titles: string[]): Digest {
  const published = '2026-11-21T09:00:00.000Z';
  return {
    channelKey: `discord:${CHANNEL}`,
    title: 'Morning digest',
    periodStart: '2026-11-20T08:00:00.000Z',
    periodEnd: '2026-11-21T08:00:00.000Z',
    sections: [
      {
        topicId: 'ukraine-aid',
        heading: 'Military aid to Ukraine',
        items: titles.map((title, i) => ({ articleId: i + 1, title, link: `https://news.example/story/${i}`, published, sources: ['Wire'], summary: null })),
      },
    ],
    figures: [],
    articleCount: titles.length,
    omittedCount: 0,
  };
}

describe('posting a digest message to Discord', () => {
  it('posts with mentions off, a nonce from the idempotency key and enforce_nonce, and returns the message id', async () => {
    const id = await sender.post(CHANNEL, message('hello'), 'digest:7:part:0');
    const [posted] = fake.messages(CHANNEL);
    expect(posted!.id).toBe(id);
    const body = fake.requestsTo(POST_ROUTE)[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({ content: 'hello', allowed_mentions: { parse: [] }, nonce: nonceFor('digest:7:part:0'), enforce_nonce: true });
    expect(fake.requestsTo(POST_ROUTE)[0]!.headers.authorization).toBe(`Bot ${fake.token}`);
  });

  it('forces allowed_mentions {parse: []} even if a message asked for more', async () => {
    await sender.post(CHANNEL, { content: '@everyone <@123>', allowed_mentions: { parse: ['everyone', 'users'] } }, 'k1');
    expect(fake.messages(CHANNEL)[0]!.allowed_mentions).toEqual({ parse: [] });
    expect(fake.messages(CHANNEL)[0]!.pings).toEqual({ everyone: false, users: [], roles: [] });
  });

  it('waits out a 429 for as long as Discord asked, then posts exactly once', async () => {
    fake.forceFault(POST_ROUTE, 1, { kind: 'rate-limit', retryAfterSeconds: 0.6 });
    await sender.post(CHANNEL, message('after the limit'), 'k-429');
    const attempts = fake.requestsTo(POST_ROUTE);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    // The bucket said Remaining 0, Reset-After 0.6 s (Retry-After: 1): no retry before that.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(600);
    expect(fake.messages(CHANNEL).map((m) => m.content)).toEqual(['after the limit']);
  });

  it('waits out a global 429 too', async () => {
    fake.forceFault(POST_ROUTE, 1, { kind: 'rate-limit', retryAfterSeconds: 0.3, global: true });
    await sender.post(CHANNEL, message('global'), 'k-global');
    expect(fake.requestsTo(POST_ROUTE).map((r) => r.status)).toEqual([429, 200]);
    expect(fake.messages(CHANNEL)).toHaveLength(1);
  });

  it('hands a very long rate limit back to the outbox as a transient error with the wait, instead of blocking', async () => {
    sender = makeSender({ maxRateLimitWaitMs: 5_000 });
    fake.forceFault(POST_ROUTE, 1, { kind: 'rate-limit', retryAfterSeconds: 120 });
    const error = await sender.post(CHANNEL, message('later'), 'k-long').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ permanent: false });
    expect((error as DeliveryError).retryAfterSeconds).toBeGreaterThanOrEqual(119);
    expect(fake.messages(CHANNEL)).toHaveLength(0);
  });

  it('retries a 5xx and posts once', async () => {
    fake.forceFault(POST_ROUTE, 2, { kind: 'server-error', status: 502 });
    await sender.post(CHANNEL, message('after the outage'), 'k-502');
    expect(fake.requestsTo(POST_ROUTE).map((r) => r.status)).toEqual([502, 502, 200]);
    expect(fake.messages(CHANNEL)).toHaveLength(1);
  });

  it('does not double-post when a 5xx came after Discord had created the message (the nonce dedupes the retry)', async () => {
    fake.forceFault(POST_ROUTE, 1, { kind: 'server-error', status: 500, afterEffect: true });
    const id = await sender.post(CHANNEL, message('once'), 'k-after');
    expect(fake.requestsTo(POST_ROUTE).map((r) => r.status)).toEqual([500, 200]);
    expect(fake.messages(CHANNEL).map((m) => m.id)).toEqual([id]);
  });

  it('posting the same part again (an outbox retry) returns the same message instead of a second one', async () => {
    const first = await sender.post(CHANNEL, message('part 1'), 'digest:9:part:0');
    const again = await sender.post(CHANNEL, message('part 1'), 'digest:9:part:0');
    expect(again).toBe(first);
    expect(fake.messages(CHANNEL)).toHaveLength(1);
  });

  it('reports a 5xx that outlasts the retries as a transient DeliveryError', async () => {
    sender = makeSender({ retries: 1 });
    fake.forceFault(POST_ROUTE, 2, { kind: 'server-error', status: 503 });
    await expect(sender.post(CHANNEL, message('x'), 'k-503')).rejects.toMatchObject({ name: 'DeliveryError', permanent: false });
    expect(fake.messages(CHANNEL)).toHaveLength(0);
  });

  it('reports an unknown channel (404, 10003) as permanent', async () => {
    await expect(sender.post(UNKNOWN, message('x'), 'k-404')).rejects.toMatchObject({ name: 'DeliveryError', permanent: true, message: expect.stringMatching(/10003/) });
  });

  it('reports missing permissions (403, 50013) as permanent', async () => {
    await expect(sender.post(LOCKED, message('x'), 'k-403')).rejects.toMatchObject({ name: 'DeliveryError', permanent: true, message: expect.stringMatching(/50013/) });
  });

  it('reports a message Discord refuses as invalid (400, 50035) as permanent', async () => {
    await expect(sender.post(CHANNEL, message('x'.repeat(2001)), 'k-400')).rejects.toMatchObject({ name: 'DeliveryError', permanent: true, message: expect.stringMatching(/50035/) });
  });

  it('reports a rejected token (401) as transient, naming DISCORD_TOKEN, so the digest survives a fix', async () => {
    sender = createDiscordSender(createDiscordRest({ apiBase: fake.apiBase, token: 'wrong-token' }));
    await expect(sender.post(CHANNEL, message('x'), 'k-401')).rejects.toMatchObject({ name: 'DeliveryError', permanent: false, message: expect.stringMatching(/DISCORD_TOKEN/) });
  });
});

describe('a digest rendered for Discord', () => {
  it('splits a long digest into several messages, each accepted by Discord and within every limit', async () => {
    const titles = Array.from({ length: 120 }, (_, i) => `Story ${i}: ${'a long headline about aid and the war '.repeat(4)}`);
    const messages = sender.render(digestOf(titles));
    expect(messages.length).toBeGreaterThan(1);
    for (const [i, m] of messages.entries()) await sender.post(CHANNEL, m, `digest:1:part:${i}`);

    const posted = fake.messages(CHANNEL);
    expect(posted).toHaveLength(messages.length);
    expect(fake.requestsTo(POST_ROUTE).every((r) => r.status === 200)).toBe(true);
    for (const m of posted) {
      expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
      expect(m.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
      expect(checkMessageBody(m, { requireContent: true, allowedFlags: 0 })).toBeNull();
    }
    // Every story made it, once.
    const text = posted.flatMap((m) => m.embeds.map((e) => String(e.description ?? ''))).join('\n');
    for (let i = 0; i < titles.length; i++) expect(text.match(new RegExp(`Story ${i}:`, 'g'))).toHaveLength(1);
  });

  it('posts feed text carrying @everyone and <@123> with mentions off and escaped, so nobody is pinged', async () => {
    const [only] = sender.render(digestOf(['Breaking @everyone: <@123> and <@&456> said **this** @here']));
    await sender.post(CHANNEL, only, 'digest:2:part:0');
    const [posted] = fake.messages(CHANNEL);
    expect(posted!.allowed_mentions).toEqual({ parse: [] });
    const text = [posted!.content, ...posted!.embeds.map((e) => `${String(e.title ?? '')}\n${String(e.description ?? '')}`)].join('\n');
    expect(text).not.toMatch(/@(everyone|here)/);
    expect(text).not.toMatch(/(^|[^\\])<@&?\d+>/);
    // Even with mentions parsed, what is in the message would ping no one.
    expect(posted!.pings).toEqual({ everyone: false, users: [], roles: [] });
  });
});

describe('Discord rate-limit headers', () => {
  it('are honoured: a bucket of 2 per second paces the third post without any 429', async () => {
    await fake.close();
    fake = await FakeDiscord.start({ guilds: [{ id: GUILD, channels: [{ id: CHANNEL }] }], rateLimit: { limit: 2, windowMs: 1000 } });
    sender = makeSender();
    for (let i = 0; i < 3; i++) await sender.post(CHANNEL, message(`m${i}`), `pace-${i}`);
    const attempts = fake.requestsTo(POST_ROUTE);
    expect(attempts.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(attempts[2]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
  });
});
