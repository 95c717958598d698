/** `newsdigest register-commands [--guild ID]`: publishes the slash commands to Discord. */
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/load.js';
import { discordSettings } from '../platforms/discord/settings.js';

export interface RegisterCommandsOptions {
  guild?: string;
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  print?: (line: string) => void;
}

export async function runRegisterCommands(options: RegisterCommandsOptions = {}): Promise<void> {
  // Only config and env are needed; no store is opened for a one-off API call.
  const { config, env } = loadConfig({ configDir: options.configDir, env: options.env });
  const settings = discordSettings(env);
  if (!settings) throw new ConfigError('environment: register-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  const guildId = options.guild ?? config.discord.guildId ?? null;
  if (guildId !== null && !/^\d{17,20}$/.test(guildId)) throw new Error(`--guild: expected a server id (a snowflake, 17-20 digits), got "${guildId}"`);
  // discord.js loads only for this command (and for `serve` with Discord credentials).
  const { createDiscordRest } = await import('../platforms/discord/restClient.js');
  const { registerDiscordCommands } = await import('../platforms/discord/registerCommands.js');
  const rest = createDiscordRest({ apiBase: settings.apiBase, token: settings.token });
  const result = await registerDiscordCommands(rest, settings.applicationId, guildId);
  const where = result.guildId ? `in server ${result.guildId} (available at once)` : 'globally (may take up to an hour to appear everywhere)';
  (options.print ?? console.log)(`Registered ${result.names.map((n) => `/${n}`).join(', ')} ${where}.`);
}

export function registerRegisterCommands(program: Command): void {
  program
    .command('register-commands')
    .description('Publish the slash commands (/ask, /figures, /digest) to Discord, globally or in one server')
    .option('--guild <id>', 'register in this server only (default: discord.guildId from config, else global)')
    .action(async (opts: { guild?: string }) => {
      await runRegisterCommands({ guild: opts.guild });
    });
}
