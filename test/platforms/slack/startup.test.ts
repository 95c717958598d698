import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/load.js';
import { EnvSchema } from '../../../src/config/schema.js';
import { silentLogger } from '../../../src/observability/logger.js';
import { createHttpServer, type HttpServer } from '../../../src/server/httpServer.js';
import { startSlack } from '../../../src/platforms/slack/index.js';
import { FakeSlack } from '../../fakes/slack/fakeSlack.js';
import { testConfig } from './harness.js';

let fake: FakeSlack;
let server: HttpServer;
let ran: number;
beforeEach(async () => {
  fake = await FakeSlack.start();
  server = createHttpServer(silentLogger);
  ran = 0;
});
afterEach(async () => {
  await server.close();
  await fake.close();
});

const start = (vars: Record<string, string>) =>
  startSlack({
    env: EnvSchema.parse({ SLACK_API_URL: fake.apiUrl, ...vars }),
    config: testConfig(),
    logger: silentLogger,
    runCommand: async () => {
      ran++;
      return { text: 'x', ephemeral: true };
    },
    server,
  });

describe('starting the Slack adapter', () => {
  it('half-set credentials are a start-up error naming what is missing, before anything is called', async () => {
    await expect(start({ SLACK_BOT_TOKEN: fake.botToken })).rejects.toThrowError(ConfigError);
    await expect(start({ SLACK_BOT_TOKEN: fake.botToken })).rejects.toThrowError(/missing SLACK_SIGNING_SECRET \(HTTP mode\) or SLACK_APP_TOKEN \(Socket Mode\)/);
    await expect(start({ SLACK_SIGNING_SECRET: fake.signingSecret })).rejects.toThrowError(/missing SLACK_BOT_TOKEN/);
    expect(fake.calls).toEqual([]);
  });

  it('a bot token Slack refuses is a start-up error naming the auth.test answer', async () => {
    await expect(start({ SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: 's' })).rejects.toThrowError('Slack rejected SLACK_BOT_TOKEN at start-up (auth.test: invalid_auth)');
  });

  it('checks the token with auth.test against SLACK_API_URL and mounts POST /slack/events on our one server', async () => {
    const slack = await start({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: fake.signingSecret });
    const port = await server.listen(0, '127.0.0.1');
    expect(fake.callsTo('auth.test').every((c) => c.ok)).toBe(true);
    expect(fake.callsTo('auth.test').length).toBeGreaterThan(0);
    const result = await fake.sendCommand(`http://127.0.0.1:${port}/slack/events`, { command: '/figures' });
    expect(result).toMatchObject({ status: 200, ack: { response_type: 'ephemeral', text: 'x' } });
    expect(ran).toBe(1);
    await slack.stop();
    // After stop() the endpoint answers 503 and runs nothing.
    const late = await fake.sendCommand(`http://127.0.0.1:${port}/slack/events`, { command: '/figures' });
    expect(late.status).toBe(503);
    expect(ran).toBe(1);
  });
});
