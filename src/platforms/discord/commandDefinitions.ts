/**
 * The shared command table as Discord application commands (CHAT_INPUT), for the bulk-overwrite
 * routes. Discord can only gate a whole top-level command, so `default_member_permissions` follows
 * the top-level spec's admin flag; each subcommand's flag is checked again on our side.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandSpec, OptionSpec } from '../../commands/command.js';
import { COMMANDS } from '../../commands/table.js';
import { MANAGE_GUILD } from './permissions.js';

// Discord's limits (application-commands docs): name 1-32, description 1-100.
const MAX_DESCRIPTION = 100;

const describe = (text: string): string => (text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`);

function toStringOption(option: OptionSpec): APIApplicationCommandBasicOption {
  const base = { type: ApplicationCommandOptionType.String, name: option.name, description: describe(option.description), required: option.required } as const;
  if (option.choices) return { ...base, choices: option.choices.map((c) => ({ name: c, value: c })) };
  // Options with suggestions are autocompleted: Discord asks us (interaction type 4) as the user types.
  return option.suggest ? { ...base, autocomplete: true } : base;
}

/** Discord rejects a required option after an optional one, so required options go first. */
function toStringOptions(options: OptionSpec[]): APIApplicationCommandBasicOption[] {
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)].map(toStringOption);
}

export function toDiscordCommand(spec: CommandSpec): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options =
    spec.subcommands.length > 0
      ? spec.subcommands.map(
          (sub): APIApplicationCommandSubcommandOption => ({
            type: ApplicationCommandOptionType.Subcommand,
            name: sub.name,
            description: describe(sub.description),
            options: toStringOptions(sub.options),
          }),
        )
      : toStringOptions(spec.options);
  return {
    type: ApplicationCommandType.ChatInput,
    name: spec.name,
    description: describe(spec.description),
    options,
    default_member_permissions: spec.admin ? MANAGE_GUILD.toString() : null,
    // Admin commands configure a server's channel, so they exist only in servers; the rest work in DMs too.
    contexts: spec.admin ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
  };
}

export function discordCommands(table: readonly CommandSpec[] = COMMANDS): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return table.map(toDiscordCommand);
}
