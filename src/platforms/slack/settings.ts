/**
 * Which Slack variables are set and how the bot receives commands. Pure: it reads only the Env it is
 * given, so the start-up check and its tests see the same rules.
 */
import type { Env } from '../../config/schema.js';
import { ConfigError } from '../../config/load.js';

export type SlackSettings =
  | { mode: 'http'; botToken: string; signingSecret: string; apiUrl: string | null }
  | { mode: 'socket'; botToken: string; appToken: string; apiUrl: string | null };

type SlackEnv = Pick<Env, 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL'>;

// Rotating bot tokens carry an `xoxe.` prefix.
const BOT_TOKEN = /^(xoxe\.)?xoxb-/;
const APP_TOKEN = /^xapp-/;

/**
 * The Slack settings, or null when no Slack credential is set (Slack is simply not used).
 * HTTP mode: SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET; Socket Mode: SLACK_BOT_TOKEN + SLACK_APP_TOKEN
 * (it wins when both are set: no public URL needed). A half-set configuration throws a ConfigError
 * naming what is missing, before anything connects.
 */
export function slackSettings(env: SlackEnv): SlackSettings | null {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = env;
  if (!botToken && !signingSecret && !appToken) return null;

  if (!botToken) {
    const mode = appToken ? 'Socket Mode (SLACK_APP_TOKEN is set)' : 'HTTP mode (SLACK_SIGNING_SECRET is set)';
    throw new ConfigError(`environment: Slack is half configured: missing SLACK_BOT_TOKEN (the bot token, xoxb-...) for ${mode}; set it, or unset every SLACK_* credential to run without Slack`);
  }
  if (!BOT_TOKEN.test(botToken)) {
    throw new ConfigError('environment: SLACK_BOT_TOKEN: expected a bot token starting with "xoxb-" (OAuth & Permissions > Bot User OAuth Token)');
  }
  if (!signingSecret && !appToken) {
    throw new ConfigError(
      'environment: Slack is half configured: missing SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode); set one of them, or unset SLACK_BOT_TOKEN to run without Slack',
    );
  }
  if (appToken && !APP_TOKEN.test(appToken)) {
    throw new ConfigError('environment: SLACK_APP_TOKEN: expected an app-level token starting with "xapp-" (Basic Information > App-Level Tokens, scope connections:write)');
  }

  const apiUrl = env.SLACK_API_URL ? normalizeApiUrl(env.SLACK_API_URL) : null;
  if (appToken) return { mode: 'socket', botToken, appToken, apiUrl };
  return { mode: 'http', botToken, signingSecret: signingSecret!, apiUrl };
}

/** The Web API base with its trailing slash (method names are appended to it). */
function normalizeApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`environment: SLACK_API_URL: expected an http(s) URL such as https://slack.com/api/ (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`environment: SLACK_API_URL: expected an http(s) URL such as https://slack.com/api/ (got a ${url.protocol.replace(':', '')} URL)`);
  }
  return raw.endsWith('/') ? raw : `${raw}/`;
}
