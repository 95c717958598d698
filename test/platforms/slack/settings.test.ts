import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../../src/config/schema.js';
import { ConfigError } from '../../../src/config/load.js';
import { slackSettings } from '../../../src/platforms/slack/settings.js';

const env = (vars: Record<string, string>) => EnvSchema.parse(vars);

describe('Slack credentials decide the mode', () => {
  it('no Slack variable: Slack is not used', () => {
    expect(slackSettings(env({}))).toBeNull();
    expect(slackSettings(env({ SLACK_BOT_TOKEN: ' ', SLACK_API_URL: 'http://127.0.0.1:1/api' }))).toBeNull();
  });

  it('bot token + signing secret: HTTP mode', () => {
    expect(slackSettings(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's3cret' }))).toEqual({ mode: 'http', botToken: 'xoxb-1', signingSecret: 's3cret', apiUrl: null });
  });

  it('bot token + app token: Socket Mode (also when the signing secret is set too)', () => {
    expect(slackSettings(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toMatchObject({ mode: 'socket', appToken: 'xapp-1' });
    expect(slackSettings(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 's' }))?.mode).toBe('socket');
  });

  it('SLACK_API_URL redirects the Web API, with the trailing slash WebClient expects', () => {
    expect(slackSettings(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'http://127.0.0.1:9/api' }))?.apiUrl).toBe('http://127.0.0.1:9/api/');
    expect(() => slackSettings(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'ftp://x/api' }))).toThrowError(/SLACK_API_URL: expected an http\(s\) URL/);
  });

  it('a bot token alone is half set: the error names both ways to finish it', () => {
    expect(() => slackSettings(env({ SLACK_BOT_TOKEN: 'xoxb-1' }))).toThrowError(ConfigError);
    expect(() => slackSettings(env({ SLACK_BOT_TOKEN: 'xoxb-1' }))).toThrowError(
      'environment: Slack is half configured: missing SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode); set one of them, or unset SLACK_BOT_TOKEN to run without Slack',
    );
  });

  it('a signing secret or app token without the bot token is half set: SLACK_BOT_TOKEN is named', () => {
    expect(() => slackSettings(env({ SLACK_SIGNING_SECRET: 's' }))).toThrowError(/Slack is half configured: missing SLACK_BOT_TOKEN .* for HTTP mode/);
    expect(() => slackSettings(env({ SLACK_APP_TOKEN: 'xapp-1' }))).toThrowError(/Slack is half configured: missing SLACK_BOT_TOKEN .* for Socket Mode/);
  });

  it('tokens in the wrong variables are named', () => {
    expect(() => slackSettings(env({ SLACK_BOT_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 's' }))).toThrowError(/SLACK_BOT_TOKEN: expected a bot token starting with "xoxb-"/);
    expect(() => slackSettings(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }))).toThrowError(/SLACK_APP_TOKEN: expected an app-level token starting with "xapp-"/);
  });
});
