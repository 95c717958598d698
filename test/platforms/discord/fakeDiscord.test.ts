/** The fake itself answers like Discord: these pin down the parts the adapter tests rely on. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord, CommandUnavailableError, ORDINARY_MEMBER_PERMISSIONS } from '../../fakes/discord/index.js';

const GUILD = '610000000000000001';
const CHANNEL = '610000000000000011';
let fake: FakeDiscord;

beforeEach(async () => {
  fake = await FakeDiscord.start({ guilds: [{ id: GUILD, channels: [{ id: CHANNEL }] }], interactionDeadlineMs: 300 });
});
afterEach(async () => fake.close());

const api = (path: string, init: RequestInit & { bot?: boolean } = {}) =>
  fetch(`${fake.apiBase}/v10${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.bot === false ? {} : { authorization: `Bot ${fake.token}` }), ...(init.headers as Record<string, string>) },
  });
const post = (body: unknown) => api(`/channels/${CHANNEL}/messages`, { method: 'POST', body: JSON.stringify(body) });
const errorOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as { code: number; errors?: unknown }) });

async function registerAsk(scope: 'guild' | 'global' = 'guild'): Promise<void> {
  const commands = [
    { name: 'ask', description: 'Ask', type: 1, options: [{ type: 3, name: 'question', description: 'Q', required: true }], default_member_permissions: null },
    { name: 'admin', description: 'Admin only', type: 1, options: [], default_member_permissions: '32', contexts: [0] },
  ];
  const route = scope === 'guild' ? `/applications/${fake.applicationId}/guilds/${GUILD}/commands` : `/applications/${fake.applicationId}/commands`;
  const res = await api(route, { method: 'PUT', body: JSON.stringify(commands) });
  expect(res.status).toBe(200);
}

describe('fake Discord REST', () => {
  it('sends X-RateLimit-* headers on every answer, errors included', async () => {
    const unauthorized = await api(`/channels/${CHANNEL}/messages`, { method: 'POST', body: '{"content":"x"}', bot: false });
    for (const res of [await post({ content: 'hi' }), await post({ content: '' }), await api('/gateway/bot'), unauthorized]) {
      for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-reset-after', 'x-ratelimit-bucket']) expect(res.headers.get(h), h).not.toBeNull();
    }
  });

  it('answers a forced 429 the way Discord does: Retry-After header, scope, and {message, retry_after, global}', async () => {
    fake.forceFault('POST /channels/:id/messages', 1, { kind: 'rate-limit', retryAfterSeconds: 64.57 });
    const res = await post({ content: 'hi' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('65');
    expect(res.headers.get('x-ratelimit-scope')).toBe('user');
    expect(res.headers.get('x-ratelimit-global')).toBeNull();
    expect(await res.json()).toEqual({ message: 'You are being rate limited.', retry_after: 64.57, global: false });
  });

  it('marks a global 429 with X-RateLimit-Global', async () => {
    fake.forceFault('POST /channels/:id/messages', 1, { kind: 'rate-limit', retryAfterSeconds: 1.5, global: true });
    const res = await post({ content: 'hi' });
    expect(res.headers.get('x-ratelimit-global')).toBe('true');
    expect(res.headers.get('x-ratelimit-scope')).toBe('global');
    expect(((await res.json()) as { global: boolean }).global).toBe(true);
  });

  it('requires the bot token on bot routes (401) but not on interaction webhooks', async () => {
    expect((await api(`/channels/${CHANNEL}/messages`, { method: 'POST', body: '{"content":"x"}', bot: false })).status).toBe(401);
    expect((await api(`/webhooks/${fake.applicationId}/nope/messages/@original`, { method: 'PATCH', body: '{"content":"x"}', bot: false })).status).toBe(404);
  });

  it('refuses a body that is not JSON or multipart with 50035', async () => {
    const res = await api(`/channels/${CHANNEL}/messages`, { method: 'POST', body: 'content=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await errorOf(res)).toMatchObject({ status: 400, code: 50035 });
  });

  it('answers an unknown channel with 404, 10003', async () => {
    expect(await errorOf(await api('/channels/610000000000000999/messages', { method: 'POST', body: '{"content":"x"}' }))).toMatchObject({ status: 404, code: 10003 });
  });

  it.each([
    ['content over 2000', { content: 'x'.repeat(2001) }, 'content'],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ description: 'x' })) }, 'embeds'],
    ['a title over 256', { embeds: [{ title: 't'.repeat(257) }] }, 'title'],
    ['a description over 4096', { embeds: [{ description: 'd'.repeat(4097) }] }, 'description'],
    ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, 'fields'],
    ['a field value over 1024', { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] }, 'value'],
    ['a footer over 2048', { embeds: [{ footer: { text: 'f'.repeat(2049) } }] }, 'footer'],
    ['an author name over 256', { embeds: [{ author: { name: 'a'.repeat(257) } }] }, 'author'],
    ['over 6000 characters across embeds', { embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] }, 'MAX_EMBED_SIZE_EXCEEDED'],
    ['parse users together with a users list', { content: 'x', allowed_mentions: { parse: ['users'], users: ['1'] } }, 'PARSE_EXCLUSIVE'],
    ['a javascript: URL in an embed', { embeds: [{ title: 't', url: 'javascript:alert(1)' }] }, 'url'],
  ])('refuses a message with %s (400, 50035)', async (_what, body, mentioned) => {
    const error = await errorOf(await post(body));
    expect(error).toMatchObject({ status: 400, code: 50035 });
    expect(JSON.stringify(error.errors)).toContain(mentioned);
    expect(fake.messages(CHANNEL)).toHaveLength(0);
  });

  it('refuses an empty message (400, 50006 "Cannot send an empty message")', async () => {
    expect(await errorOf(await post({ content: '   ', embeds: [] }))).toMatchObject({ status: 400, code: 50006 });
  });

  it('returns a loopback gateway URL from GET /gateway/bot', async () => {
    const body = (await (await api('/gateway/bot')).json()) as { url: string; shards: number };
    expect(body).toMatchObject({ url: `ws://127.0.0.1:${fake.port}`, shards: 1 });
  });
});

describe('fake Discord interactions', () => {
  it('does not deliver a MANAGE_GUILD command to a member without it, unless the server allowed them', async () => {
    await registerAsk();
    const request = { via: 'gateway' as const, guildId: GUILD, channelId: CHANNEL, user: { id: '1', permissions: ORDINARY_MEMBER_PERMISSIONS }, command: 'admin' };
    await expect(fake.invoke(request)).rejects.toThrow(CommandUnavailableError);
    fake.allowCommandFor(GUILD, 'admin', '1');
    expect(() => fake.buildInteraction(request)).not.toThrow();
  });

  it('does not deliver an unregistered command, one missing a required option, or a guild command in a DM', async () => {
    await registerAsk();
    expect(() => fake.buildInteraction({ via: 'gateway', guildId: null, channelId: '5', user: { id: '1' }, command: 'ask', options: { question: 'q' } })).toThrow(/not registered/);
    expect(() => fake.buildInteraction({ via: 'gateway', guildId: GUILD, channelId: CHANNEL, user: { id: '1' }, command: 'figures' })).toThrow(/not registered/);
    expect(() => fake.buildInteraction({ via: 'gateway', guildId: GUILD, channelId: CHANNEL, user: { id: '1' }, command: 'ask' })).toThrow(/required/);
  });

  it('builds the interaction with member.permissions as a string, and a user (no member) in a DM', async () => {
    await registerAsk('global');
    const inGuild = fake.buildInteraction({ via: 'gateway', guildId: GUILD, channelId: CHANNEL, user: { id: '7', permissions: '32' }, command: 'ask', options: { question: 'q' } });
    expect(inGuild).toMatchObject({ type: 2, version: 1, guild_id: GUILD, member: { user: { id: '7' }, permissions: '32' }, data: { name: 'ask', options: [{ type: 3, name: 'question', value: 'q' }] } });
    const dm = fake.buildInteraction({ via: 'gateway', guildId: null, channelId: '5', user: { id: '7' }, command: 'ask', options: { question: 'q' } });
    expect(dm).toMatchObject({ user: { id: '7' } });
    expect(dm).not.toHaveProperty('member');
  });

  it('invalidates the token when no initial response came within the deadline (10062 afterwards)', async () => {
    await registerAsk();
    const server = (await import('node:http')).createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const record = await fake.invoke({ via: { http: `http://127.0.0.1:${port}/` }, guildId: GUILD, channelId: CHANNEL, user: { id: '1' }, command: 'ask', options: { question: 'q' } });
    server.closeAllConnections();
    server.close();
    expect(record.failure).toMatch(/deadline/);
    const res = await api(`/webhooks/${fake.applicationId}/${record.token}/messages/@original`, { method: 'PATCH', body: '{"content":"late"}', bot: false });
    expect(await errorOf(res)).toMatchObject({ status: 404, code: 10062 });
  });
});
