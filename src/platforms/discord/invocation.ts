/**
 * From a Discord slash-command interaction to the platform-free Invocation. Works on the raw API
 * payload (HTTP mode hands it over as is; gateway mode passes discord.js's view of the same fields),
 * and decides admin rights from the member's permission bitfield on our side.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import { z } from 'zod';
import type { Invocation } from '../../commands/command.js';
import { canManageGuild } from './permissions.js';

/** The parts of a chat-input interaction an Invocation is made of. */
export interface DiscordCommandCall {
  channelId: string;
  guildId: string | null;
  userId: string;
  /** member.permissions (decimal string); null in a DM. */
  memberPermissions: string | null;
  command: string;
  subcommand: string | null;
  /** Option values as the user typed them; our table only has string options. */
  options: Record<string, string>;
  /** Autocomplete: the option being typed (its value so far is in options). */
  focused?: string;
}

export function toInvocation(call: DiscordCommandCall): Invocation {
  return {
    platform: 'discord',
    channelId: call.channelId,
    workspaceId: call.guildId,
    userId: call.userId,
    command: call.command,
    subcommand: call.subcommand,
    args: call.options,
    isAdmin: call.guildId !== null && canManageGuild(call.memberPermissions),
    ...(call.focused !== undefined ? { focused: call.focused } : {}),
  };
}

type RawOption = { name: string; type: number; value?: string | number | boolean; focused?: boolean; options?: RawOption[] };

// Only the fields we read, with the types Discord documents. A payload that is signed but shaped
// otherwise (an option value that is an object, a member without its user) is refused with the
// path of the first bad field, never half-read.
const rawOption: z.ZodType<RawOption> = z.lazy(() =>
  z.object({ name: z.string(), type: z.number().int(), value: z.union([z.string(), z.number(), z.boolean()]).optional(), focused: z.boolean().optional(), options: z.array(rawOption).max(25).optional() }),
);
const snowflake = z.string().regex(/^\d{1,20}$/);
const commandPayload = z.object({
  channel_id: snowflake.optional(),
  channel: z.object({ id: snowflake }).optional(),
  guild_id: snowflake.optional(),
  member: z.object({ user: z.object({ id: snowflake }), permissions: z.string().optional() }).optional(),
  user: z.object({ id: snowflake }).optional(),
  data: z.object({ name: z.string().min(1).max(32), options: z.array(rawOption).max(25).optional() }),
});

export type CommandCallResult = { ok: true; call: DiscordCommandCall } | { ok: false; problem: string };

/** Reads a raw APPLICATION_COMMAND interaction, or says what it lacks or what is malformed. */
export function commandCallFromPayload(raw: unknown): CommandCallResult {
  const parsed = commandPayload.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `malformed interaction: ${issue.path.join('.') || 'payload'}: ${issue.message}` };
  }
  const interaction = parsed.data;
  const channelId = interaction.channel_id ?? interaction.channel?.id;
  const userId = interaction.member?.user.id ?? interaction.user?.id;
  if (!channelId || !userId) return { ok: false, problem: 'interaction lacks a channel or a user' };

  let subcommand: string | null = null;
  let leafOptions = interaction.data.options ?? [];
  const first = leafOptions[0];
  if (first && first.type === ApplicationCommandOptionType.Subcommand) {
    subcommand = first.name;
    leafOptions = first.options ?? [];
  }
  const options: Record<string, string> = {};
  let focused: string | undefined;
  for (const option of leafOptions) {
    if (option.value !== undefined) options[option.name] = String(option.value);
    // An autocomplete interaction marks the option being typed.
    if (option.focused === true) focused = option.name;
  }
  return {
    ok: true,
    call: {
      channelId,
      guildId: interaction.guild_id ?? null,
      userId,
      // `member` only exists in a guild; a DM carries `user` and no permissions.
      memberPermissions: interaction.member?.permissions ?? null,
      command: interaction.data.name,
      subcommand,
      options,
      ...(focused !== undefined ? { focused } : {}),
    },
  };
}
