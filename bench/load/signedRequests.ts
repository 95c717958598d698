/**
 * Requests as Discord and Slack send them to the bot, signed the way each platform signs:
 *  - Discord: an APPLICATION_COMMAND interaction (JSON), Ed25519 over timestamp + body, hex;
 *  - Slack: a slash command (form-encoded), v0 HMAC-SHA256 over `v0:{timestamp}:{body}`.
 * Shared by the load generator (its /ask requests) and the bench (its admin commands).
 */
import { createHmac, randomBytes, sign, type KeyObject } from 'node:crypto';

export interface SignedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;

/** A unique snowflake: milliseconds since 2015 shifted by 22, a process tag and a counter. */
export function snowflake(at: number = Date.now(), tag = process.pid): string {
  sequence = (sequence + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | ((BigInt(tag) & 0x3ffn) << 12n) | sequence).toString();
}

/** VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS. */
export const MEMBER_PERMISSIONS = ((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n)).toString();
/** ... plus MANAGE_GUILD: may change a channel's digest setup. */
export const MANAGER_PERMISSIONS = ((1n << 5n) | BigInt(MEMBER_PERMISSIONS)).toString();

type DiscordOption = { type: number; name: string; value?: string; options?: DiscordOption[] };

export interface DiscordCommand {
  applicationId: string;
  guildId: string;
  channelId: string;
  userId: string;
  permissions: string;
  name: string;
  /** STRING options, or one SUB_COMMAND with its STRING options. */
  options: DiscordOption[];
}

export const stringOption = (name: string, value: string): DiscordOption => ({ type: 3, name, value });
export const subcommand = (name: string, options: DiscordOption[]): DiscordOption => ({ type: 1, name, options });

export function discordInteraction(key: KeyObject, command: DiscordCommand, nowMs: number = Date.now()): SignedRequest {
  const user = { id: command.userId, username: `user${command.userId.slice(-4)}`, discriminator: '0', global_name: null, avatar: null, public_flags: 0 };
  const body = JSON.stringify({
    id: snowflake(nowMs),
    application_id: command.applicationId,
    type: 2,
    data: { id: '1300000000000000001', name: command.name, type: 1, options: command.options, guild_id: command.guildId },
    guild_id: command.guildId,
    guild: { id: command.guildId, locale: 'en-US', features: [] },
    channel_id: command.channelId,
    channel: { id: command.channelId, type: 0, guild_id: command.guildId, name: 'news' },
    member: { user, roles: [], premium_since: null, permissions: command.permissions, pending: false, nick: null, mute: false, deaf: false, joined_at: '2024-01-01T00:00:00.000000+00:00', flags: 0 },
    token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
    version: 1,
    app_permissions: '2248473465835073',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': command.guildId },
    context: 0,
  });
  const timestamp = String(Math.floor(nowMs / 1000));
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), key).toString('hex');
  return {
    path: '/discord/interactions',
    headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp, 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)' },
    body,
  };
}

export interface SlackCommand {
  teamId: string;
  channelId: string;
  userId: string;
  command: string;
  text: string;
  /** Where the bot answers late; Slack's own response URL in production. */
  responseUrl: string;
}

export function slackCommand(signingSecret: string, command: SlackCommand, nowMs: number = Date.now()): SignedRequest {
  const body = new URLSearchParams({
    token: 'deprecatedVerificationToken0001',
    team_id: command.teamId,
    team_domain: 'bench-team',
    channel_id: command.channelId,
    channel_name: 'news',
    user_id: command.userId,
    user_name: command.userId.toLowerCase(),
    command: command.command,
    text: command.text,
    api_app_id: 'A0BENCHAPP',
    is_enterprise_install: 'false',
    response_url: command.responseUrl,
    trigger_id: `${nowMs}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`,
  }).toString();
  const timestamp = Math.floor(nowMs / 1000);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    path: '/slack/events',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature, 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)' },
    body,
  };
}

export type ReplyCheck = { ok: true; text: string } | { ok: false; problem: string };

/** Discord's rule for our /ask: HTTP 200, JSON, type 4 (CHANNEL_MESSAGE_WITH_SOURCE) with content. */
export function checkDiscordReply(status: number, contentType: string | undefined, text: string): ReplyCheck {
  if (status !== 200) return { ok: false, problem: `HTTP ${status}` };
  if (!(contentType ?? '').startsWith('application/json')) return { ok: false, problem: `content-type ${contentType ?? 'none'}` };
  let json: { type?: unknown; data?: { content?: unknown } };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    return { ok: false, problem: 'body is not JSON' };
  }
  if (json.type !== 4) return { ok: false, problem: `interaction response type ${String(json.type)} (expected 4)` };
  if (typeof json.data?.content !== 'string' || json.data.content.trim() === '') return { ok: false, problem: 'type 4 without content' };
  return { ok: true, text: json.data.content };
}

/** Slack's rule for an ack: HTTP 200 within 3 s. The text is the answer when the ack carries it. */
export function checkSlackAck(status: number, contentType: string | undefined, text: string): ReplyCheck {
  if (status !== 200) return { ok: false, problem: `HTTP ${status}` };
  if (text === '') return { ok: true, text: '' };
  if ((contentType ?? '').startsWith('application/json')) {
    try {
      const json = JSON.parse(text) as { text?: unknown };
      return { ok: true, text: typeof json.text === 'string' ? json.text : '' };
    } catch {
      return { ok: false, problem: 'JSON ack that does not parse' };
    }
  }
  return { ok: true, text };
}
