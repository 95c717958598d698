/**
 * Commands from a direct message: Discord sends `user` and no `member`, no guild and no
 * permissions. Anyone may ask; nobody is an admin there, so admin commands are refused privately.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { answer } from '../../../src/answers/answer.js';
import { escapeDiscordText } from '../../../src/platforms/discord/escape.js';
import { registerDiscordCommands } from '../../../src/platforms/discord/registerCommands.js';
import { createDiscordRest } from '../../../src/platforms/discord/restClient.js';
import { ADMIN, CHANNEL, DM_CHANNEL, GUILD, seedAidFigure, startHarness, storeSnapshot, type Harness } from './harness.js';

/** A harness whose commands are also registered globally: only global commands exist in DMs. */
async function startWithGlobalCommands(mode: 'http' | 'gateway'): Promise<Harness> {
  const harness = await startHarness({ mode });
  await registerDiscordCommands(createDiscordRest({ apiBase: harness.fake.apiBase, token: harness.fake.token }), harness.fake.applicationId, null);
  return harness;
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(['http', 'gateway'] as const)('commands from a Discord DM (%s)', (mode) => {
  it('/ask is answered in the DM', async () => {
    h = await startWithGlobalCommands(mode);
    await seedAidFigure(h.store);
    const question = 'total aid to date';
    const record = await h.run({ guildId: null, channelId: DM_CHANNEL, user: ADMIN, command: 'ask', options: { question } });
    const reply = await h.fake.visibleReply(record);
    expect(reply).toMatchObject({ content: escapeDiscordText((await answer(question, { store: h.store, config: h.config })).text) });
    expect(reply.content).toContain('$58 billion');
  });

  it('/digest is not offered in DMs: it is registered for servers only', async () => {
    h = await startWithGlobalCommands(mode);
    await expect(h.run({ guildId: null, channelId: DM_CHANNEL, user: ADMIN, command: 'digest', subcommand: 'status' })).rejects.toThrow(/not available in DMs/);
  });
});

describe('a signed /digest interaction from a DM (as if Discord offered it there)', () => {
  it('is refused privately for lack of Manage Server, and nothing changes', async () => {
    h = await startHarness({ mode: 'http' });
    const before = await storeSnapshot(h.store);
    const inGuild = h.fake.buildInteraction({ via: { http: h.url }, guildId: GUILD, channelId: CHANNEL, user: ADMIN, command: 'digest', subcommand: 'subscribe', options: { target: 'ukraine-aid' } }) as Record<string, unknown>;
    const { guild_id: _g, guild: _guild, member, ...rest } = inGuild as Record<string, unknown> & { member: { user: unknown } };
    const dm = { ...rest, channel_id: DM_CHANNEL, channel: { id: DM_CHANNEL, type: 1 }, user: member.user, context: 1 };
    const res = await h.fake.postSigned(h.url, JSON.stringify(dm));
    expect(res.status).toBe(200);
    const data = (res.json as { type: number; data: { content: string; flags: number } }).data;
    expect(data.flags & 64).toBe(64);
    expect(data.content).toMatch(/Nothing was changed/);
    expect(await storeSnapshot(h.store)).toEqual(before);
    expect(h.changedChannels).toEqual([]);
  });
});
