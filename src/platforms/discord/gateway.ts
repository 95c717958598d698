/**
 * Gateway mode: the discord.js Client connects out to Discord (no public URL needed) and receives
 * INTERACTION_CREATE; replies go through the interaction's reply/deferReply/editReply.
 */
import { Client, Events, GatewayIntentBits, MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { CommandRunner } from '../../commands/handleCommand.js';
import { ConfigError } from '../../config/load.js';
import type { Logger } from '../../observability/logger.js';
import type { DiscordCommandCall } from './invocation.js';
import { respondToCommand, type InteractionResponder } from './respondToCommand.js';
import { suggestionsFor } from './suggestions.js';
import type { DiscordFile } from './replyMessage.js';
import { discordRestOptions, type DiscordRestOptions } from './restClient.js';

export interface GatewayOptions {
  token: string;
  rest: DiscordRestOptions;
  runCommand: CommandRunner;
  logger: Logger;
  deferAfterMs?: number;
}

export function commandCallFromInteraction(interaction: ChatInputCommandInteraction): DiscordCommandCall {
  const options: Record<string, string> = {};
  const subcommand = interaction.options.getSubcommand(false);
  // options.data holds the top level; with a subcommand, its own options sit one level down.
  const leaf = subcommand ? (interaction.options.data[0]?.options ?? []) : interaction.options.data;
  for (const option of leaf) if (option.value !== undefined && option.value !== null) options[option.name] = String(option.value);
  return {
    channelId: interaction.channelId,
    guildId: interaction.guildId,
    userId: interaction.user.id,
    // memberPermissions is built from the payload's member.permissions; null in a DM.
    memberPermissions: interaction.memberPermissions ? interaction.memberPermissions.bitfield.toString() : null,
    command: interaction.commandName,
    subcommand,
    options,
  };
}

const toAttachment = (f: DiscordFile) => ({ attachment: f.data, name: f.name, ...(f.description ? { description: f.description } : {}) });

function interactionResponder(interaction: ChatInputCommandInteraction): InteractionResponder {
  const mentions = { parse: [] };
  return {
    async reply(body) {
      await interaction.reply({ content: body.content, embeds: body.embeds, allowedMentions: mentions, flags: body.flags ? MessageFlags.Ephemeral : undefined });
    },
    async defer(ephemeral) {
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    },
    // discord.js makes the multipart body itself: files[n] parts, and attachments ids by index.
    async editOriginal(body, files) {
      await interaction.editReply({ content: body.content ?? null, embeds: body.embeds, allowedMentions: mentions, ...(files?.length ? { files: files.map(toAttachment) } : {}) });
    },
    async deleteOriginal() {
      await interaction.deleteReply();
    },
    async followUp(body, files) {
      await interaction.followUp({
        content: body.content,
        embeds: body.embeds,
        allowedMentions: mentions,
        flags: body.flags ? MessageFlags.Ephemeral : undefined,
        ...(files?.length ? { files: files.map(toAttachment) } : {}),
      });
    },
  };
}

/** Logs in and resolves once the gateway session is READY. */
export async function startGateway(options: GatewayOptions): Promise<Client> {
  const { logger } = options;
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: discordRestOptions(options.rest) });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isAutocomplete()) {
      // The option being typed: suggestions back as type 8 (interaction.respond), nothing runs.
      const focused = interaction.options.getFocused(true);
      const call: DiscordCommandCall = { ...commandCallFromInteraction(interaction as unknown as ChatInputCommandInteraction), focused: focused.name };
      call.options[focused.name] = String(focused.value);
      suggestionsFor(call, options.runCommand, logger)
        .then((choices) => interaction.respond(choices))
        .catch((err: unknown) => logger.warn({ err, command: interaction.commandName }, 'could not answer a Discord autocomplete'));
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    respondToCommand(commandCallFromInteraction(interaction), interactionResponder(interaction), options).catch((err: unknown) =>
      logger.error({ err, command: interaction.commandName }, 'could not answer a Discord interaction'),
    );
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord gateway error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord gateway warning'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(options.token);
    await ready;
  } catch (err) {
    await client.destroy();
    if ((err as { code?: unknown }).code === 'TokenInvalid') {
      throw new ConfigError('environment: DISCORD_TOKEN was refused by Discord (an invalid token); copy the bot token from the Developer Portal again');
    }
    throw err;
  }
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord gateway connected');
  return client;
}
