/** Publishes the command table: bulk overwrite, globally or in one guild (guild updates show at once). */
import { Routes, type REST, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { discordCommands } from './commandDefinitions.js';

export interface RegisteredCommands {
  scope: 'global' | 'guild';
  guildId: string | null;
  names: string[];
}

export async function registerDiscordCommands(rest: REST, applicationId: string, guildId: string | null): Promise<RegisteredCommands> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const result = (await rest.put(route, { body: discordCommands() })) as RESTPutAPIApplicationCommandsResult;
  return { scope: guildId ? 'guild' : 'global', guildId, names: result.map((c) => c.name) };
}
