import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../src/config/schema.js';
import { ConfigError } from '../../src/config/load.js';
import { selectPlatforms } from '../../src/app/selectPlatforms.js';

const env = (vars: Record<string, string>) => EnvSchema.parse(vars);
const APP_ID = '123456789012345678';

describe('which platforms run', () => {
  it('no credentials: neither platform (the console)', () => {
    expect(selectPlatforms(env({}))).toEqual({ discord: false, slack: false });
  });

  it('empty values in .env count as unset', () => {
    expect(selectPlatforms(env({ DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '  ' }))).toEqual({ discord: false, slack: false });
  });

  it('both platforms when both are fully set', () => {
    expect(
      selectPlatforms(env({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP_ID, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })),
    ).toEqual({ discord: true, slack: true });
  });

  it('Slack in Socket Mode needs the app token instead of the signing secret', () => {
    expect(selectPlatforms(env({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toEqual({ discord: false, slack: true });
  });

  it('half-set Discord credentials are a configuration error naming what is missing', () => {
    expect(() => selectPlatforms(env({ DISCORD_TOKEN: 't' }))).toThrowError(ConfigError);
    expect(() => selectPlatforms(env({ DISCORD_TOKEN: 't' }))).toThrowError(/DISCORD_APPLICATION_ID must be set/);
    expect(() => selectPlatforms(env({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP_ID, DISCORD_RECEIVE: 'http' }))).toThrowError(/DISCORD_PUBLIC_KEY/);
  });

  it('half-set Slack credentials are a configuration error naming what is missing', () => {
    expect(() => selectPlatforms(env({ SLACK_SIGNING_SECRET: 's' }))).toThrowError(/missing SLACK_BOT_TOKEN/);
    expect(() => selectPlatforms(env({ SLACK_BOT_TOKEN: 'xoxb-1' }))).toThrowError(/SLACK_SIGNING_SECRET \(HTTP mode\) or SLACK_APP_TOKEN/);
  });
});
