/**
 * From a Discord slash-command interaction to the platform-free Invocation. Works on the raw API
 * payload (HTTP mode hands it over as is; gateway mode passes discord.js's view of the same fields),
 * and decides admin rights from the member's permission bitfield on our side.
 */
import { ApplicationCommandOptionType, type APIChatInputApplicationCommandInteraction } from 'discord.js';
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
  };
}

type RawOption = { name: string; type: number; value?: unknown; options?: RawOption[] };

/** Reads a raw APPLICATION_COMMAND interaction; null when it lacks what a command needs. */
export function commandCallFromPayload(interaction: APIChatInputApplicationCommandInteraction): DiscordCommandCall | null {
  const channelId = interaction.channel_id ?? interaction.channel?.id;
  const userId = interaction.member?.user.id ?? interaction.user?.id;
  if (!channelId || !userId || !interaction.data?.name) return null;

  let subcommand: string | null = null;
  let leafOptions = (interaction.data.options ?? []) as RawOption[];
  const first = leafOptions[0];
  if (first && first.type === ApplicationCommandOptionType.Subcommand) {
    subcommand = first.name;
    leafOptions = first.options ?? [];
  }
  const options: Record<string, string> = {};
  for (const option of leafOptions) {
    if (option.value !== undefined && option.value !== null) options[option.name] = String(option.value);
  }
  return {
    channelId,
    guildId: interaction.guild_id ?? null,
    userId,
    // `member` only exists in a guild; a DM carries `user` and no permissions.
    memberPermissions: interaction.member?.permissions ?? null,
    command: interaction.data.name,
    subcommand,
    options,
  };
}
