/**
 * Which chat platforms this process serves, from the credentials that are set: Discord, Slack, both,
 * or neither (the console). A platform whose credentials are half set is a start-up error naming
 * what is missing.
 */
import type { Env } from '../config/schema.js';

export interface PlatformSelection {
  discord: boolean;
  slack: boolean;
}

export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
}

function missing(names: Array<[string, string | undefined]>): string[] {
  return names.filter(([, v]) => !v).map(([n]) => n);
}

export function selectPlatforms(env: Env): PlatformSelection {
  const problems: string[] = [];

  const discordSet = [env.DISCORD_TOKEN, env.DISCORD_APPLICATION_ID, env.DISCORD_PUBLIC_KEY].some(Boolean) || env.DISCORD_RECEIVE !== undefined;
  if (discordSet) {
    const need = missing([
      ['DISCORD_TOKEN', env.DISCORD_TOKEN],
      ['DISCORD_APPLICATION_ID', env.DISCORD_APPLICATION_ID],
    ]);
    if (env.DISCORD_RECEIVE === 'http' && !env.DISCORD_PUBLIC_KEY) need.push('DISCORD_PUBLIC_KEY (needed for DISCORD_RECEIVE=http)');
    if (need.length) problems.push(`Discord is half configured: missing ${need.join(', ')}`);
  }

  const slackSet = [env.SLACK_BOT_TOKEN, env.SLACK_SIGNING_SECRET, env.SLACK_APP_TOKEN].some(Boolean);
  if (slackSet) {
    const need = missing([['SLACK_BOT_TOKEN', env.SLACK_BOT_TOKEN]]);
    if (!env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) need.push('SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
    if (need.length) problems.push(`Slack is half configured: missing ${need.join(', ')}`);
  }

  if (problems.length) throw new CredentialsError(problems.join('; '));
  return { discord: discordSet, slack: slackSet };
}
