import { describe, expect, it } from 'vitest';
import { commandCallFromPayload, toInvocation } from '../../../src/platforms/discord/invocation.js';
import { canManageGuild } from '../../../src/platforms/discord/permissions.js';

const member = (permissions: string) => ({ user: { id: '42' }, roles: [], permissions });
const payload = (over: Record<string, unknown>) =>
  ({
    id: '1',
    application_id: '2',
    type: 2,
    token: 't',
    version: 1,
    channel_id: '300',
    guild_id: '200',
    member: member('3072'),
    data: { id: '9', name: 'digest', type: 1, options: [{ type: 1, name: 'schedule', options: [{ type: 3, name: 'cron', value: '0 9 * * *' }, { type: 3, name: 'timezone', value: 'Europe/Kyiv' }] }] },
    ...over,
  }) as Record<string, unknown>;

describe('who counts as a Discord admin', () => {
  it('a member with Manage Server (0x20) is an admin', () => expect(canManageGuild('32')).toBe(true));
  it('a member with Administrator (0x8) is an admin', () => expect(canManageGuild('8')).toBe(true));
  it('an ordinary member (view, send, history, use commands) is not', () => expect(canManageGuild('2147552256')).toBe(false));
  it('reads bitfields beyond 2^53 exactly (BigInt), where Number would lose the low bits', () => {
    expect(canManageGuild(((1n << 60n) | 32n).toString())).toBe(true);
    expect(canManageGuild(((1n << 60n) | 16n).toString())).toBe(false);
  });
  it('does not trust a malformed permissions value', () => {
    expect(canManageGuild('0x20')).toBe(false);
    expect(canManageGuild('')).toBe(false);
    expect(canManageGuild(undefined)).toBe(false);
  });
});

/** The call read from a payload that must be readable. */
function callOf(raw: unknown) {
  const read = commandCallFromPayload(raw);
  if (!read.ok) throw new Error(read.problem);
  return read.call;
}

describe('a Discord interaction as an Invocation', () => {
  it('carries channel, guild, user, command, subcommand and option values', () => {
    const call = callOf(payload({}));
    expect(toInvocation(call)).toEqual({
      platform: 'discord',
      channelId: '300',
      workspaceId: '200',
      userId: '42',
      command: 'digest',
      subcommand: 'schedule',
      args: { cron: '0 9 * * *', timezone: 'Europe/Kyiv' },
      isAdmin: false,
    });
  });

  it('is an admin invocation when member.permissions has MANAGE_GUILD', () => {
    expect(toInvocation(callOf(payload({ member: member('3104') }))).isAdmin).toBe(true);
  });

  it('is never admin in a DM, where there is a user and no member', () => {
    const dm = payload({ guild_id: undefined, member: undefined, user: { id: '42' } });
    expect(toInvocation(callOf(dm))).toMatchObject({ userId: '42', workspaceId: null, isAdmin: false });
  });

  it('reads a leaf command without subcommand', () => {
    const ask = payload({ data: { id: '9', name: 'ask', type: 1, options: [{ type: 3, name: 'question', value: 'total aid?' }] } });
    expect(toInvocation(callOf(ask))).toMatchObject({ command: 'ask', subcommand: null, args: { question: 'total aid?' } });
  });

  it('says what is missing when the payload has no channel', () => {
    expect(commandCallFromPayload(payload({ channel_id: undefined }))).toEqual({ ok: false, problem: 'interaction lacks a channel or a user' });
  });

  it.each([
    ['an option value that is an object', { data: { id: '9', name: 'ask', type: 1, options: [{ type: 3, name: 'question', value: { $gt: '' } }] } }, 'malformed interaction: data.options.0.value'],
    ['a member without its user', { member: { permissions: '8' } }, 'malformed interaction: member.user'],
    ['a user id that is not a snowflake', { member: { user: { id: { toString: 1 } }, permissions: '8' } }, 'malformed interaction: member.user.id'],
    ['options that are not a list', { data: { id: '9', name: 'ask', type: 1, options: 'question' } }, 'malformed interaction: data.options'],
    ['no command name', { data: { id: '9', type: 1 } }, 'malformed interaction: data.name'],
  ])('refuses %s, naming the field', (_what, over, problem) => {
    const read = commandCallFromPayload(payload(over));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problem).toMatch(new RegExp(`^${problem.replace(/\./g, '\\.')}: `));
  });
});
