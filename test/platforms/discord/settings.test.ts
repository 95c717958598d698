import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../../src/config/schema.js';
import { ConfigError } from '../../../src/config/load.js';
import { discordSettings } from '../../../src/platforms/discord/settings.js';

const APP = '1234567890123456789';
const KEY = 'ab'.repeat(32);
const env = (vars: Record<string, string>) => EnvSchema.parse(vars);

describe('discordSettings: how the bot receives Discord commands', () => {
  it('is null when no Discord variable is set, so the bot runs without Discord', () => {
    expect(discordSettings(env({}))).toBeNull();
  });

  it('uses the gateway when only the token and application id are set', () => {
    expect(discordSettings(env({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP }))).toMatchObject({ mode: 'gateway', applicationId: APP, token: 't', publicKey: null });
  });

  it('uses HTTP interactions when the public key is set', () => {
    expect(discordSettings(env({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP, DISCORD_PUBLIC_KEY: KEY }))?.mode).toBe('http');
  });

  it('follows DISCORD_RECEIVE=gateway even when a public key is set', () => {
    expect(discordSettings(env({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP, DISCORD_PUBLIC_KEY: KEY, DISCORD_RECEIVE: 'gateway' }))?.mode).toBe('gateway');
  });

  it('refuses a token without an application id, naming the missing variable', () => {
    expect(() => discordSettings(env({ DISCORD_TOKEN: 't' }))).toThrow(ConfigError);
    expect(() => discordSettings(env({ DISCORD_TOKEN: 't' }))).toThrow(/DISCORD_APPLICATION_ID must be set/);
  });

  it('refuses a public key alone, naming both the token and the application id', () => {
    expect(() => discordSettings(env({ DISCORD_PUBLIC_KEY: KEY }))).toThrow(/DISCORD_APPLICATION_ID and DISCORD_TOKEN must be set/);
  });

  it('refuses DISCORD_RECEIVE=http without a public key', () => {
    expect(() => discordSettings(env({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP, DISCORD_RECEIVE: 'http' }))).toThrow(/DISCORD_PUBLIC_KEY must be set/);
  });

  it('refuses a public key that is not 64 hex characters', () => {
    expect(() => discordSettings(env({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP, DISCORD_PUBLIC_KEY: 'not-a-key' }))).toThrow(/64 hexadecimal/);
  });

  it('refuses an application id that is not a snowflake', () => {
    expect(() => discordSettings(env({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: 'my-bot' }))).toThrow(/numeric id/);
  });

  it('takes DISCORD_API_BASE without a trailing slash, defaulting to Discord', () => {
    expect(discordSettings(env({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP }))?.apiBase).toBe('https://discord.com/api');
    expect(discordSettings(env({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP, DISCORD_API_BASE: 'http://127.0.0.1:9/api/' }))?.apiBase).toBe('http://127.0.0.1:9/api');
  });
});
