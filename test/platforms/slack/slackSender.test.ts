import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Digest, DigestItem } from '../../../src/digest/digest.js';
import { DeliveryError } from '../../../src/delivery/sender.js';
import { blockProblems } from '../../fakes/slack/blockKit.js';
import { CHANNEL, startHarness, type SlackHarness } from './harness.js';

function item(i: number, title = `Story number ${i} about aid deliveries`): DigestItem {
  return { articleId: i, title, link: `https://news.example/${i}`, published: '2026-11-22T08:00:00Z', sources: ['Example News'], summary: null };
}

function digestOf(items: DigestItem[], title = 'Morning digest'): Digest {
  return {
    channelKey: `slack:${CHANNEL}`,
    title,
    periodStart: '2026-11-21T08:00:00Z',
    periodEnd: '2026-11-22T08:00:00Z',
    sections: [{ topicId: 'ukraine-aid', heading: 'Military aid to Ukraine', items }],
    figures: [],
    articleCount: items.length,
    omittedCount: 0,
    timezone: 'UTC',
  };
}

let h: SlackHarness;
beforeEach(async () => {
  h = await startHarness({ runCommand: async () => ({ text: 'unused', ephemeral: true }) });
});
afterEach(async () => h.close());

async function postAll(digest: Digest): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, message] of h.slack.sender.render(digest).entries()) ids.push(await h.slack.sender.post(CHANNEL, message, `test:${i}`));
  return ids;
}

describe('posting digests to Slack', () => {
  it('a digest is posted as Block Kit with a text fallback, without link previews, and returns its ts', async () => {
    const [ts] = await postAll(digestOf([item(1), item(2)]));
    expect(h.fake.posts).toHaveLength(1);
    const post = h.fake.posts[0]!;
    expect(ts).toBe(post.ts);
    expect(ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(post.channel).toBe(CHANNEL);
    expect(post.text).toMatch(/Morning digest/);
    expect(post.blocks!.length).toBeGreaterThan(0);
    expect(JSON.stringify(post.blocks)).toContain('Story number 2 about aid deliveries');
    expect(post.params.unfurl_links).toBe('false');
    expect(post.params.unfurl_media).toBe('false');
  });

  it('a 429 is waited out (Retry-After) and the message is posted once', async () => {
    h.fake.forceRateLimit('chat.postMessage', { times: 1, retryAfter: 1, channel: CHANNEL });
    const started = Date.now();
    await postAll(digestOf([item(1)]));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(h.fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(h.fake.posts).toHaveLength(1);
  });

  it('a Retry-After beyond the per-post wait budget (MAX_POST_WAIT_MS) is handed back to the outbox as a transient failure', async () => {
    h.fake.forceRateLimit('chat.postMessage', { times: 1, retryAfter: 600 });
    const [message] = h.slack.sender.render(digestOf([item(1)]));
    const error = await h.slack.sender.post(CHANNEL, message, 'k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ permanent: false, retryAfterSeconds: 600 });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.fake.posts).toHaveLength(0);
  });

  it('channel_not_found is a permanent DeliveryError, and nothing is retried', async () => {
    const [message] = h.slack.sender.render(digestOf([item(1)]));
    const error = await h.slack.sender.post('C0NOWHERE1', message, 'k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ permanent: true, message: 'Slack refused the message to C0NOWHERE1: channel_not_found' });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('a channel the bot is not in, or an archived one, is a permanent failure naming the reason', async () => {
    h.fake.addChannel('C0OUTSIDE1', { member: false });
    h.fake.addChannel('C0ARCHIVE1', { archived: true });
    const [message] = h.slack.sender.render(digestOf([item(1)]));
    await expect(h.slack.sender.post('C0OUTSIDE1', message, 'k')).rejects.toMatchObject({ permanent: true, message: expect.stringMatching(/not_in_channel$/) });
    await expect(h.slack.sender.post('C0ARCHIVE1', message, 'k')).rejects.toMatchObject({ permanent: true, message: expect.stringMatching(/is_archived$/) });
  });

  it('a Slack-side error (internal_error) is transient: posted nothing, the outbox tries again later', async () => {
    h.fake.forceError('chat.postMessage', 'internal_error');
    const [message] = h.slack.sender.render(digestOf([item(1)]));
    await expect(h.slack.sender.post(CHANNEL, message, 'k')).rejects.toMatchObject({ name: 'DeliveryError', permanent: false });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.fake.posts).toHaveLength(0);
  });

  it('blocks Slack refuses (51 blocks) are a permanent invalid_blocks failure', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `line ${i}` } }));
    await expect(h.slack.sender.post(CHANNEL, { text: 'too many', blocks }, 'k')).rejects.toMatchObject({ permanent: true, message: expect.stringMatching(/invalid_blocks$/) });
  });

  it('a message of another platform is refused before anything is sent', async () => {
    await expect(h.slack.sender.post(CHANNEL, { content: 'discord shape', embeds: [] }, 'k')).rejects.toMatchObject({ permanent: true });
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  });

  it('a digest over 50 blocks is split into messages within Slack limits, every story once', async () => {
    const items = Array.from({ length: 150 }, (_, i) => item(i + 1));
    const ts = await postAll(digestOf(items));
    expect(ts.length).toBeGreaterThan(1);
    expect(h.fake.posts).toHaveLength(ts.length);
    for (const post of h.fake.posts) {
      expect(post.blocks!.length).toBeLessThanOrEqual(50);
      expect(blockProblems(post.blocks)).toEqual([]);
      expect(post.text!.length).toBeGreaterThan(0);
    }
    const all = h.fake.posts.map((p) => JSON.stringify(p.blocks)).join('\n');
    for (let i = 1; i <= 150; i++) expect(all.split(`Story number ${i} about`).length - 1).toBe(1);
  });

  it('feed text with <!channel>, <@U123>, & < > is posted escaped: it mentions no one', async () => {
    const hostile = 'Alert <!channel> <@U123> <!here|here> cats & dogs <b>bold</b> 5 > 3';
    await postAll(digestOf([item(1, hostile)], `Digest <!everyone> & co`));
    const post = h.fake.posts[0]!;
    // Slack parses mentions and links in the text fallback and in mrkdwn; plain_text shows as typed.
    const parsed = [post.text!, ...mrkdwnTexts(post.blocks)].join('\n');
    for (const mention of ['<!channel>', '<@U123>', '<!here', '<!everyone>', '<b>']) expect(parsed).not.toContain(mention);
    // (How the renderer shows the "|" inside a link label is its own business.)
    expect(parsed).toContain('Alert &lt;!channel&gt; &lt;@U123&gt; &lt;!here');
    expect(parsed).toContain('here&gt; cats &amp; dogs &lt;b&gt;bold&lt;/b&gt; 5 &gt; 3');
    expect(post.text).toContain('Digest &lt;!everyone&gt; &amp; co');
  });
});

/** Every mrkdwn text in the blocks: what Slack parses for mentions and links. */
function mrkdwnTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (typeof node !== 'object' || node === null) return [];
  const o = node as Record<string, unknown>;
  const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(mrkdwnTexts)];
}

describe('Slack exactly once: each digest message carries its outbox key as metadata', () => {
  it('a posted message carries {event_type, event_payload.part} and is found again in the channel history by that key', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const [ts] = await postAll(digestOf([item(1)]));
    expect(h.fake.posts[0]!.metadata).toEqual({ event_type: 'newsdigest_digest_part', event_payload: { part: 'test:0' } });
    expect(await h.slack.sender.findPosted!(CHANNEL, 'test:0', since)).toBe(ts);
    expect(await h.slack.sender.findPosted!(CHANNEL, 'test:1', since)).toBeNull();
    const history = h.fake.callsTo('conversations.history').at(-1)!;
    expect(history.params.include_all_metadata).toBe('true');
  });

  it('without history access (missing_scope) it says so and lets the message be posted', async () => {
    h.fake.forceError('conversations.history', 'missing_scope');
    expect(await h.slack.sender.findPosted!(CHANNEL, 'test:0', new Date().toISOString())).toBeNull();
  });

  it('a rate-limited history look-up is a transient failure, so the outbox retries instead of posting blind', async () => {
    h.fake.forceRateLimit('conversations.history', { times: 1, retryAfter: 30, channel: CHANNEL });
    await expect(h.slack.sender.findPosted!(CHANNEL, 'test:0', new Date().toISOString())).rejects.toMatchObject({ permanent: false });
  });
});

describe("Slack's per-channel limit (about one message a second)", () => {
  it('a digest of several messages is posted in order, each once, waiting out the 429s', async () => {
    await h.close();
    const { FakeSlack } = await import('../../fakes/slack/fakeSlack.js');
    h = await startHarness({ runCommand: async () => ({ text: 'unused', ephemeral: true }), fake: await FakeSlack.start({ channelRateLimit: { perSecond: 1, burst: 1 } }) });
    const many = digestOf(Array.from({ length: 150 }, (_, i) => item(i + 1, `Story ${i + 1}: ${'aid '.repeat(60)}`)));
    const messages = h.slack.sender.render(many);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    const ids = await postAll(many);
    expect(h.fake.posts.map((p) => p.ts)).toEqual(ids);
    expect(h.fake.posts.map((p) => p.metadata?.event_payload.part)).toEqual(messages.map((_, i) => `test:${i}`));
    const statuses = h.fake.callsTo('chat.postMessage').map((c) => c.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(messages.length);
    expect(statuses).toContain(429);
  }, 60_000);
});
