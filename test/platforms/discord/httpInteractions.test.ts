import { afterEach, describe, expect, it } from 'vitest';
import { answer } from '../../../src/answers/answer.js';
import { formatFiguresReply, latestFigures } from '../../../src/answers/latestFigures.js';
import { escapeDiscordText } from '../../../src/platforms/discord/escape.js';
import { LIMITS, checkMessageBody, embedLength } from '../../fakes/discord/index.js';
import { ADMIN, CHANNEL, GUILD, MEMBER, seedAidFigure, seedChannelWithArticles, startHarness, storeSnapshot, type Harness, type HarnessOptions } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(options: Partial<HarnessOptions> = {}): Promise<Harness> {
  h = await startHarness({ mode: 'http', ...options });
  return h;
}

const subscribePayload = (harness: Harness) =>
  JSON.stringify(harness.fake.buildInteraction({ via: { http: harness.url }, guildId: GUILD, channelId: CHANNEL, user: ADMIN, command: 'digest', subcommand: 'subscribe', options: { target: 'ukraine-aid' } }));

describe('Discord HTTP interactions: the endpoint Discord checks', () => {
  it("answers Discord's PING with {\"type\":1} and a JSON Content-Type", async () => {
    const { fake, url } = await start();
    const res = await fake.ping(url);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.json).toEqual({ type: 1 });
  });

  it("refuses Discord's probe: a PING with an invalid signature gets 401", async () => {
    const { fake, url } = await start();
    expect((await fake.ping(url, 'garbage')).status).toBe(401);
  });

  it.each(['missing', 'missing-timestamp', 'garbage', 'other-body', 'other-key'] as const)('a command with a %s signature gets 401 and nothing happens', async (variant) => {
    const harness = await start();
    const before = await storeSnapshot(harness.store);
    const res = await harness.fake.postSigned(harness.url, subscribePayload(harness), variant);
    expect(res.status).toBe(401);
    expect(harness.invocations).toEqual([]);
    expect(await storeSnapshot(harness.store)).toEqual(before);
    expect(harness.fake.requests).toHaveLength(1); // only the registration: no reply of any kind went out
  });

  it('the same signed command is accepted once: a replay of it gets 401 and does not run again', async () => {
    const harness = await start();
    const body = subscribePayload(harness);
    expect((await harness.fake.postSigned(harness.url, body)).status).toBe(200);
    expect((await harness.fake.postSigned(harness.url, body)).status).toBe(401);
    expect(harness.invocations).toEqual(['digest subscribe']);
  });

  it('a correctly signed request with a timestamp an hour old gets 401', async () => {
    const harness = await start();
    expect((await harness.fake.postSigned(harness.url, subscribePayload(harness), 'stale')).status).toBe(401);
    expect(harness.invocations).toEqual([]);
  });

  it('a signed body that is not JSON gets 400', async () => {
    const { fake, url } = await start();
    expect((await fake.postSigned(url, 'not json')).status).toBe(400);
  });

  it.each([
    ['an option value that is an object', (p: Record<string, any>) => void (p.data.options[0].options[0].value = { nested: true }), 'data.options.0.options.0.value'],
    ['a member without its user', (p: Record<string, any>) => void delete p.member.user, 'member.user'],
  ])('a signed command with %s gets 400 naming the field, and nothing happens', async (_what, spoil, field) => {
    const harness = await start();
    const before = await storeSnapshot(harness.store);
    const payload = JSON.parse(subscribePayload(harness)) as Record<string, any>;
    spoil(payload);
    const res = await harness.fake.postSigned(harness.url, JSON.stringify(payload));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: expect.stringMatching(new RegExp(`^malformed interaction: ${field.replace(/\./g, '\\.')}: `)) });
    expect(harness.invocations).toEqual([]);
    expect(await storeSnapshot(harness.store)).toEqual(before);
  });
});

describe('Discord HTTP interactions: commands', () => {
  it('/ask is answered inline (type 4), publicly, with the answer from the stored figures', async () => {
    const harness = await start();
    await seedAidFigure(harness.store);
    const question = 'What is the total US military aid to Ukraine to date?';
    const record = await harness.run({ user: MEMBER, command: 'ask', options: { question } });
    expect(record.initial).toMatchObject({ type: 4, via: 'http' });
    expect(record.initial!.elapsedMs).toBeLessThan(3000);
    const reply = await harness.fake.visibleReply(record);
    const expected = await answer(question, { store: harness.store, config: harness.config });
    expect(expected.figure?.value).toBe(58e9);
    expect(reply).toMatchObject({ ephemeral: false, deferred: false, content: escapeDiscordText(expected.text) });
    expect(reply.content).toContain('more than $58 billion');
    // The source link stays a working link (not backslash-escaped).
    expect(reply.content).toContain('https://voa.example/us_aid_total');
    expect(record.initial!.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('/figures lists the latest figures publicly, and /figures with a topic only that topic', async () => {
    const harness = await start();
    await seedAidFigure(harness.store);
    const all = await harness.fake.visibleReply(await harness.run({ user: MEMBER, command: 'figures' }));
    expect(all).toMatchObject({ ephemeral: false, content: escapeDiscordText(formatFiguresReply(await latestFigures({ store: harness.store, config: harness.config }))) });
    expect(all.content).toContain('more than $58 billion');
    const topic = await harness.fake.visibleReply(await harness.run({ user: MEMBER, command: 'figures', options: { topic: 'ukraine-war' } }));
    expect(topic.content).toBe(escapeDiscordText(formatFiguresReply(await latestFigures({ store: harness.store, config: harness.config }, { topic: 'ukraine-war' }))));
    expect(topic.content).not.toContain('$58 billion');
  });

  it('an admin subscribing the channel gets a private confirmation and the subscription is stored', async () => {
    const harness = await start();
    const record = await harness.run({ user: ADMIN, command: 'digest', subcommand: 'subscribe', options: { target: 'ukraine-aid' } });
    const reply = await harness.fake.visibleReply(record);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/Subscribed this channel to Military aid to Ukraine/);
    expect(await harness.store.listSubscriptions(`discord:${CHANNEL}`)).toEqual([expect.objectContaining({ kind: 'topic', value: 'ukraine-aid' })]);
    expect(harness.changedChannels).toEqual([`discord:${CHANNEL}`]);
  });

  it('an admin command from a member without Manage Server is refused privately, naming the permission, and nothing changes', async () => {
    const harness = await start();
    // Discord hides /digest from such members (default_member_permissions "32") unless the server
    // allowed them in Integrations settings; our own check must still refuse.
    await expect(harness.run({ user: MEMBER, command: 'digest', subcommand: 'subscribe', options: { target: 'ukraine-aid' } })).rejects.toThrow(/default_member_permissions/);
    harness.fake.allowCommandFor(GUILD, 'digest', MEMBER.id);
    const before = await storeSnapshot(harness.store);

    const record = await harness.run({ user: MEMBER, command: 'digest', subcommand: 'subscribe', options: { target: 'ukraine-aid' } });
    const reply = await harness.fake.visibleReply(record);
    expect(record.initial?.type).toBe(4);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/MANAGE\\_GUILD/);
    expect(reply.content).toMatch(/Nothing was changed/);
    expect(await storeSnapshot(harness.store)).toEqual(before);
    expect(harness.changedChannels).toEqual([]);
  });

  it('a schedule that is not a cron expression gets a private message saying what is wrong, and nothing changes', async () => {
    const harness = await start();
    const before = await storeSnapshot(harness.store);
    const record = await harness.run({ user: ADMIN, command: 'digest', subcommand: 'schedule', options: { cron: 'every morning', timezone: 'Europe/Kyiv' } });
    const reply = await harness.fake.visibleReply(record);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/cron expression/);
    expect(await storeSnapshot(harness.store)).toEqual(before);
  });

  it('a slow /digest now is deferred at once (type 5, ephemeral) and completed by editing @original', async () => {
    const harness = await start();
    await seedChannelWithArticles(harness.store, harness.config, CHANNEL, ['Allies pledge new air defence', 'Aid package approved']);
    const record = await harness.run({ user: ADMIN, command: 'digest', subcommand: 'now' });
    expect(record.initial).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(record.initial!.elapsedMs).toBeLessThan(3000);

    const reply = await harness.fake.visibleReply(record);
    expect(reply).toMatchObject({ deferred: true, source: 'edit', ephemeral: true });
    expect(reply.content).toMatch(/Posted a digest of 2 articles in 1 message/);
    expect(harness.fake.requestsTo('PATCH /webhooks/:id/:token/messages/@original')).toHaveLength(1);
    const [digest] = harness.fake.messages(CHANNEL);
    expect(digest!.embeds.map((e) => String(e.description)).join('\n')).toMatch(/Allies pledge new air defence/);
  });

  it('a digest longer than one message is posted in several, each within Discord\'s limits', async () => {
    const harness = await start();
    const titles = Array.from({ length: 150 }, (_, i) => `Report ${i}: ${'officials detail the latest security assistance tranche '.repeat(3)}`);
    await seedChannelWithArticles(harness.store, harness.config, CHANNEL, titles);
    const record = await harness.run({ user: ADMIN, command: 'digest', subcommand: 'now' });
    const reply = await harness.fake.visibleReply(record);

    const posted = harness.fake.messages(CHANNEL);
    expect(posted.length).toBeGreaterThan(1);
    expect(reply.content).toContain(`in ${posted.length} messages`);
    expect(harness.fake.requestsTo('POST /channels/:id/messages').every((r) => r.status === 200)).toBe(true);
    for (const m of posted) {
      expect(checkMessageBody(m, { requireContent: true, allowedFlags: 0 })).toBeNull();
      expect(m.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    }
  });

  it('feed titles carrying @everyone, @here and <@123> reach the channel escaped, with mentions off, pinging no one', async () => {
    const harness = await start();
    await seedChannelWithArticles(harness.store, harness.config, CHANNEL, ['@everyone look: <@123> and <@&456> leaked @here']);
    await harness.fake.visibleReply(await harness.run({ user: ADMIN, command: 'digest', subcommand: 'now' }));
    const [posted] = harness.fake.messages(CHANNEL);
    expect(posted!.allowed_mentions).toEqual({ parse: [] });
    expect(posted!.pings).toEqual({ everyone: false, users: [], roles: [] });
    const text = posted!.embeds.map((e) => String(e.description ?? '')).join('\n');
    expect(text).toContain('leaked');
    expect(text).not.toMatch(/@(everyone|here)/);
    expect(text).not.toMatch(/(^|[^\\])<@&?\d+>/);
  });

  it('a reply not ready within the defer window is deferred, then edited in', async () => {
    const harness = await start({ deferAfterMs: 100, wrapRunner: (run) => async (inv) => new Promise((r) => setTimeout(r, 400)).then(() => run(inv)) });
    // A question with a figure: its answer is public (one without is private, a follow-up).
    await seedAidFigure(harness.store);
    const record = await harness.run({ user: MEMBER, command: 'ask', options: { question: 'total aid to date?' } });
    expect(record.initial).toMatchObject({ type: 5, data: {} });
    const reply = await harness.fake.visibleReply(record);
    expect(reply).toMatchObject({ deferred: true, source: 'edit', ephemeral: false });
    expect(reply.content.length).toBeGreaterThan(0);
  });

  it('a deferred public placeholder whose reply turns out private is replaced by an ephemeral follow-up', async () => {
    const harness = await start({ deferAfterMs: 100, wrapRunner: (run) => async (inv) => new Promise((r) => setTimeout(r, 300)).then(() => run(inv)) });
    const record = await harness.run({ user: MEMBER, command: 'ask', options: { question: 'x'.repeat(600) } });
    const reply = await harness.fake.visibleReply(record);
    expect(reply).toMatchObject({ source: 'follow-up', ephemeral: true });
    expect(reply.content).toMatch(/too long/);
    expect(record.originalDeleted).toBe(true);
  });

  it('a command that fails on our side gets a private apology instead of silence', async () => {
    const harness = await start({ wrapRunner: () => async () => Promise.reject(new Error('database is locked')) });
    const reply = await harness.fake.visibleReply(await harness.run({ user: MEMBER, command: 'ask', options: { question: 'total aid?' } }));
    expect(reply).toMatchObject({ ephemeral: true, source: 'inline' });
    expect(reply.content).toMatch(/failed on our side/);
  });
});
