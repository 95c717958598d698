import { afterEach, describe, expect, it } from 'vitest';
import { answer } from '../../../src/answers/answer.js';
import { escapeDiscordText } from '../../../src/platforms/discord/escape.js';
import { EnvSchema } from '../../../src/config/schema.js';
import { ConfigError } from '../../../src/config/load.js';
import { createHttpServer } from '../../../src/server/httpServer.js';
import { silentLogger } from '../../../src/observability/logger.js';
import { startDiscord } from '../../../src/platforms/discord/index.js';
import { FakeDiscord } from '../../fakes/discord/index.js';
import { ADMIN, CHANNEL, GUILD, MEMBER, seedAidFigure, seedChannelWithArticles, startHarness, storeSnapshot, testConfig, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(heartbeatIntervalMs?: number): Promise<Harness> {
  h = await startHarness({ mode: 'gateway', fake: heartbeatIntervalMs ? { heartbeatIntervalMs } : {} });
  return h;
}

describe('Discord gateway mode (discord.js Client)', () => {
  it('finds the gateway through GET /gateway/bot on DISCORD_API_BASE and identifies with the Guilds intent', async () => {
    const harness = await start();
    expect(harness.fake.requestsTo('GET /gateway/bot')).toHaveLength(1);
    expect(harness.fake.gateway.stats.identifies).toBe(1);
    expect(harness.fake.gateway.stats.identifyPayloads[0]).toMatchObject({ intents: 1 });
    expect(harness.adapter.mode).toBe('gateway');
  });

  it('keeps the connection alive with heartbeats that Discord acknowledges', async () => {
    const harness = await start(150);
    await harness.fake.waitFor(() => harness.fake.gateway.stats.heartbeats >= 3, 5000, 'three heartbeats');
    expect(harness.fake.gateway.identifiedSessions).toBe(1);
    expect(harness.fake.gateway.stats.connections).toBe(1);
  });

  it('/ask is answered through the interaction callback (type 4), publicly', async () => {
    const harness = await start();
    await seedAidFigure(harness.store);
    const question = 'How much aid has the US given Ukraine in total?';
    const record = await harness.run({ user: MEMBER, command: 'ask', options: { question } });
    expect(record.initial).toMatchObject({ type: 4, via: 'callback' });
    const reply = await harness.fake.visibleReply(record);
    const expected = await answer(question, { store: harness.store, config: harness.config });
    expect(reply).toMatchObject({ ephemeral: false, content: escapeDiscordText(expected.text) });
    expect(reply.content).toContain('more than $58 billion');
    expect(record.initial!.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('/digest now is deferred privately (type 5) and then edited with the outcome; the digest is in the channel', async () => {
    const harness = await start();
    await seedChannelWithArticles(harness.store, harness.config, CHANNEL, ['Parliament approves aid', 'New tranche announced']);
    const record = await harness.run({ user: ADMIN, command: 'digest', subcommand: 'now' });
    expect(record.initial).toMatchObject({ type: 5, data: { flags: 64 } });
    const reply = await harness.fake.visibleReply(record);
    expect(reply).toMatchObject({ source: 'edit', ephemeral: true });
    expect(reply.content).toMatch(/Posted a digest of 2 articles in 1 message/);
    expect(harness.fake.messages(CHANNEL)).toHaveLength(1);
  });

  it('an admin command from a member without Manage Server is refused privately, naming the permission, and nothing changes', async () => {
    const harness = await start();
    harness.fake.allowCommandFor(GUILD, 'digest', MEMBER.id);
    const before = await storeSnapshot(harness.store);
    const record = await harness.run({ user: MEMBER, command: 'digest', subcommand: 'schedule', options: { cron: '0 9 * * *' } });
    const reply = await harness.fake.visibleReply(record);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/MANAGE\\_GUILD/);
    expect(await storeSnapshot(harness.store)).toEqual(before);
  });

  it('an admin sets the schedule from Discord and it is stored', async () => {
    const harness = await start();
    const record = await harness.run({ user: ADMIN, command: 'digest', subcommand: 'schedule', options: { cron: '30 7 * * 1-5', timezone: 'Europe/Kyiv' } });
    const reply = await harness.fake.visibleReply(record);
    expect(reply.ephemeral).toBe(true);
    expect(await harness.store.getChannel(`discord:${CHANNEL}`)).toMatchObject({ schedule: '30 7 * * 1-5', timezone: 'Europe/Kyiv', workspaceId: GUILD });
  });

  it('stop() closes the gateway connection', async () => {
    const harness = await start();
    await harness.adapter.stop();
    await harness.fake.waitFor(() => harness.fake.gateway.identifiedSessions === 0, 5000, 'the session to close');
  });

  it('a token Discord refuses stops start-up with an error naming DISCORD_TOKEN', async () => {
    const fake = await FakeDiscord.start();
    try {
      const env = EnvSchema.parse({ DISCORD_TOKEN: 'not-the-token', DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_BASE: fake.apiBase });
      const started = startDiscord({ env, config: testConfig(), logger: silentLogger, server: createHttpServer(silentLogger), requests: { rememberRequest: async () => true }, runCommand: async () => ({ text: 'x', ephemeral: true }) });
      await expect(started).rejects.toThrow(ConfigError);
      await expect(started).rejects.toThrow(/DISCORD_TOKEN was refused/);
      expect(fake.gateway.stats.identifies).toBe(0);
    } finally {
      await fake.close();
    }
  });
});
