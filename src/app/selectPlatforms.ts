/**
 * Which chat platforms this process serves, from the credentials that are set: Discord, Slack, both,
 * or neither (the console). Each platform's own settings check decides; a platform whose
 * credentials are half set throws a ConfigError naming what is missing, before anything starts.
 */
import type { Env } from '../config/schema.js';
import { discordSettings } from '../platforms/discord/settings.js';
import { slackSettings } from '../platforms/slack/settings.js';

export interface PlatformSelection {
  discord: boolean;
  slack: boolean;
}

export function selectPlatforms(env: Env): PlatformSelection {
  return { discord: discordSettings(env) !== null, slack: slackSettings(env) !== null };
}
