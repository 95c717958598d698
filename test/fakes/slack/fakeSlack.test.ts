/** The fake must refuse what Slack refuses, or the adapter's tests prove nothing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogLevel, verifySlackRequest, webApi } from '@slack/bolt';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlack } from './fakeSlack.js';

let fake: FakeSlack;
let now: number;
beforeEach(async () => {
  now = Date.now();
  fake = await FakeSlack.start({ now: () => now });
  fake.addChannel('C1');
});
afterEach(async () => fake.close());

const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
const client = () => new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: quiet });
const errorOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { data?: { error?: string }; code?: string }) => e.data?.error ?? e.code);

async function raw(method: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${fake.apiUrl}${method}`, { method: 'POST', headers, body });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), json: (await res.json()) as Record<string, unknown> };
}

describe('fake Slack Web API', () => {
  it('auth.test answers who the bot is', async () => {
    expect(await client().auth.test()).toMatchObject({ ok: true, user_id: fake.botUserId, bot_id: fake.botId, team_id: fake.teamId });
  });

  it('a wrong or missing token is HTTP 200 with invalid_auth / not_authed', async () => {
    expect(await raw('auth.test', 'token=xoxb-wrong', { 'content-type': 'application/x-www-form-urlencoded' })).toMatchObject({ status: 200, json: { ok: false, error: 'invalid_auth' } });
    expect(await raw('auth.test', '', { 'content-type': 'application/x-www-form-urlencoded' })).toMatchObject({ status: 200, json: { ok: false, error: 'not_authed' } });
  });

  it('JSON bodies are accepted with Authorization: Bearer, and need it', async () => {
    const body = JSON.stringify({ channel: 'C1', text: 'hi', token: fake.botToken });
    expect((await raw('chat.postMessage', body, { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${fake.botToken}` })).json).toMatchObject({ ok: true, channel: 'C1' });
    expect((await raw('chat.postMessage', body, { 'content-type': 'application/json' })).json).toMatchObject({ ok: false, error: 'not_authed' });
  });

  it('chat.postMessage answers a ts of seconds and 6 digits, and stores the text exactly as sent', async () => {
    const result = await client().chat.postMessage({ channel: 'C1', text: 'a &amp; b &lt;!channel&gt;' });
    expect(result.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(result.message).toMatchObject({ text: 'a &amp; b &lt;!channel&gt;', bot_id: fake.botId });
    expect(fake.posts[0]).toMatchObject({ channel: 'C1', text: 'a &amp; b &lt;!channel&gt;', ts: result.ts });
  });

  it('refuses what Slack refuses, always with HTTP 200', async () => {
    const c = client();
    const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
    expect(await errorOf(c.chat.postMessage({ channel: 'C404', text: 'x' }))).toBe('channel_not_found');
    expect(await errorOf(c.chat.postMessage({ channel: 'C1', text: '' }))).toBe('no_text');
    expect(await errorOf(c.chat.postMessage({ channel: 'C1', text: 'x'.repeat(40_001) }))).toBe('msg_too_long');
    expect(await errorOf(c.chat.postMessage({ channel: 'C1', text: 'x', blocks: Array.from({ length: 51 }, () => section('s')) as never }))).toBe('invalid_blocks');
    expect(await errorOf(c.chat.postMessage({ channel: 'C1', text: 'x', blocks: [section('s'.repeat(3001))] as never }))).toBe('invalid_blocks');
    expect(await errorOf(c.chat.postMessage({ channel: 'C1', text: 'x', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] as never }))).toBe('invalid_blocks');
    expect(await errorOf(c.chat.postMessage({ channel: 'C1', text: 'x', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] as never }))).toBe('invalid_blocks');
    const fields = (n: number, len = 5) => Array.from({ length: n }, () => ({ type: 'mrkdwn', text: 'f'.repeat(len) }));
    expect(await errorOf(c.chat.postMessage({ channel: 'C1', text: 'x', blocks: [{ type: 'section', fields: fields(11) }] as never }))).toBe('invalid_blocks');
    expect(await errorOf(c.chat.postMessage({ channel: 'C1', text: 'x', blocks: [{ type: 'section', fields: fields(1, 2001) }] as never }))).toBe('invalid_blocks');
    expect(await errorOf(c.chat.postMessage({ channel: 'C1', text: 'x', blocks: Array.from({ length: 5 }, () => section('s'.repeat(2900))) as never }))).toBe('msg_blocks_too_long');
    expect(fake.posts).toEqual([]);
    expect(new Set(fake.calls.map((call) => call.status))).toEqual(new Set([200]));
  });

  it('the limits themselves are allowed: 50 blocks, 3000-character sections, 150-character headers, 10 fields', async () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } },
      { type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3000) } },
      { type: 'section', fields: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: 'f' })) },
      ...Array.from({ length: 47 }, () => ({ type: 'divider' })),
    ];
    expect(await errorOf(client().chat.postMessage({ channel: 'C1', text: 'x', blocks: blocks as never }))).toBe('ok');
  });

  it('a forced rate limit is HTTP 429 with an integer Retry-After, for that many calls only', async () => {
    fake.forceRateLimit('chat.postMessage', { times: 1, retryAfter: 2.4, channel: 'C1' });
    const first = await raw('chat.postMessage', JSON.stringify({ channel: 'C1', text: 'x' }), { 'content-type': 'application/json', authorization: `Bearer ${fake.botToken}` });
    expect(first).toMatchObject({ status: 429, retryAfter: '3', json: { ok: false, error: 'ratelimited' } });
    expect(await errorOf(client().chat.postMessage({ channel: 'C1', text: 'x' }))).toBe('ok');
  });

  it('users.info reports is_admin / is_owner as the test set them', async () => {
    fake.setUser('UA', { is_admin: true });
    fake.setUser('UM');
    expect((await client().users.info({ user: 'UA' })).user).toMatchObject({ id: 'UA', is_admin: true, is_owner: false });
    expect((await client().users.info({ user: 'UM' })).user).toMatchObject({ is_admin: false, is_owner: false });
    expect(await errorOf(client().users.info({ user: 'UX' }))).toBe('user_not_found');
  });
});

describe('fake Slack response_url', () => {
  const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('takes 5 JSON messages, then refuses', async () => {
    const { id, url } = fake.newResponseUrl();
    for (let i = 0; i < 5; i++) expect((await post(url, { text: `m${i}` })).status).toBe(200);
    const sixth = await post(url, { text: 'm5' });
    expect(sixth.status).toBe(404);
    expect(await sixth.text()).toBe('used_url');
    expect(fake.responsesTo(id).map((r) => r.body.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(fake.responsesTo(id)[0]!.body.response_type).toBe('ephemeral');
  });

  it('expires after 30 minutes', async () => {
    const { url } = fake.newResponseUrl();
    now += 30 * 60_000 + 1;
    expect((await post(url, { text: 'late' })).status).toBe(404);
  });
});

describe('fake Slack sending slash commands', () => {
  it('signs like Slack: Bolt verifies it, and sends every payload field form-encoded', async () => {
    let seen: { headers: http.IncomingHttpHeaders; body: string } | undefined;
    const app = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { headers: req.headers, body };
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const result = await fake.sendCommand(`http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`, { command: '/ask', text: 'a & b' });
    await new Promise<void>((resolve) => app.close(() => resolve()));

    expect(result).toMatchObject({ status: 200, ack: null, timedOut: false });
    expect(seen!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const fields = Object.fromEntries(new URLSearchParams(seen!.body));
    expect(Object.keys(fields).sort()).toEqual(
      ['api_app_id', 'channel_id', 'channel_name', 'command', 'is_enterprise_install', 'response_url', 'team_domain', 'team_id', 'text', 'token', 'trigger_id', 'user_id', 'user_name'].sort(),
    );
    expect(fields).toMatchObject({ command: '/ask', text: 'a & b', team_id: fake.teamId });
    const headers = { 'x-slack-signature': seen!.headers['x-slack-signature'] as string, 'x-slack-request-timestamp': Number(seen!.headers['x-slack-request-timestamp']) };
    expect(() => verifySlackRequest({ signingSecret: fake.signingSecret, body: seen!.body, headers })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: 'other', body: seen!.body, headers })).toThrow(/signature mismatch/);
  });
});
