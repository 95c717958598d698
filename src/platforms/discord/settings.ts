/**
 * Which Discord variables are set and how the bot receives commands. Pure: it reads only the Env it
 * is given, so the start-up check and its tests see the same rules.
 */
import type { Env } from '../../config/schema.js';
import { ConfigError } from '../../config/load.js';

export type DiscordReceiveMode = 'gateway' | 'http';

export interface DiscordSettings {
  mode: DiscordReceiveMode;
  applicationId: string;
  token: string;
  /** Hex Ed25519 key from the Developer Portal; present in http mode. */
  publicKey: string | null;
  /** REST base without the version (`https://discord.com/api`); the gateway URL comes from it too. */
  apiBase: string;
}

type DiscordEnv = Pick<Env, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_PUBLIC_KEY' | 'DISCORD_RECEIVE' | 'DISCORD_API_BASE'>;

const HEX_KEY = /^[0-9a-f]{64}$/i;

/**
 * The Discord settings, or null when no Discord variable is set (Discord is simply not used).
 * A half-set configuration throws a ConfigError naming what is missing, before anything connects.
 */
export function discordSettings(env: DiscordEnv): DiscordSettings | null {
  const anySet = env.DISCORD_TOKEN || env.DISCORD_APPLICATION_ID || env.DISCORD_PUBLIC_KEY || env.DISCORD_RECEIVE;
  if (!anySet) return null;

  const mode: DiscordReceiveMode = env.DISCORD_RECEIVE ?? (env.DISCORD_PUBLIC_KEY ? 'http' : 'gateway');
  const missing: string[] = [];
  if (!env.DISCORD_APPLICATION_ID) missing.push('DISCORD_APPLICATION_ID');
  if (!env.DISCORD_TOKEN) missing.push('DISCORD_TOKEN');
  if (mode === 'http' && !env.DISCORD_PUBLIC_KEY) missing.push('DISCORD_PUBLIC_KEY');
  if (missing.length > 0) {
    const why = mode === 'http' ? 'receiving Discord commands over HTTP (DISCORD_RECEIVE=http)' : 'receiving Discord commands through the gateway';
    throw new ConfigError(`environment: ${missing.join(' and ')} must be set for ${why}; set them, or unset every DISCORD_* variable to run without Discord`);
  }
  if (env.DISCORD_APPLICATION_ID && !/^\d{17,20}$/.test(env.DISCORD_APPLICATION_ID)) {
    throw new ConfigError(`environment: DISCORD_APPLICATION_ID: expected the application's numeric id (a snowflake, 17-20 digits)`);
  }
  if (env.DISCORD_PUBLIC_KEY && !HEX_KEY.test(env.DISCORD_PUBLIC_KEY)) {
    throw new ConfigError(`environment: DISCORD_PUBLIC_KEY: expected the application's public key, 64 hexadecimal characters`);
  }
  return {
    mode,
    applicationId: env.DISCORD_APPLICATION_ID!,
    token: env.DISCORD_TOKEN!,
    publicKey: env.DISCORD_PUBLIC_KEY ?? null,
    apiBase: env.DISCORD_API_BASE.replace(/\/+$/, ''),
  };
}
