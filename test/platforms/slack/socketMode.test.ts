import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvSchema } from '../../../src/config/schema.js';
import { silentLogger } from '../../../src/observability/logger.js';
import { createHttpServer, type HttpServer } from '../../../src/server/httpServer.js';
import { startSlack, type SlackAdapter } from '../../../src/platforms/slack/index.js';
import { FakeSlack } from '../../fakes/slack/fakeSlack.js';
import { CHANNEL, LISTED_ADMIN, MEMBER, testConfig } from './harness.js';
import { openWorld, type World } from './world.js';

let fake: FakeSlack;
let world: World;
let server: HttpServer;
let port: number;
let slack: SlackAdapter;

beforeEach(async () => {
  fake = await FakeSlack.start();
  fake.addChannel(CHANNEL);
  fake.setUser(MEMBER);
  const config = testConfig();
  world = await openWorld(config);
  server = createHttpServer(silentLogger);
  port = await server.listen(0, '127.0.0.1');
  const env = EnvSchema.parse({ SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.apiUrl });
  slack = await startSlack({ env, config, logger: silentLogger, runCommand: world.runCommand, server });
  world.senders.set('slack', slack.sender);
});

afterEach(async () => {
  await slack.stop();
  await server.close();
  await fake.close();
  await world.close();
});

describe('Socket Mode (SLACK_APP_TOKEN set: no public URL)', () => {
  it('connects with the app-level token and answers commands over the socket', async () => {
    await fake.waitForSocket();
    expect(fake.callsTo('apps.connections.open')).toMatchObject([{ ok: true }]);
    const result = await fake.sendSocketCommand({ command: '/digest', text: 'schedule "0 6 * * *" Europe/Kyiv', userId: LISTED_ADMIN, channelId: CHANNEL });
    expect(result.timedOut).toBe(false);
    expect(result.ack).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Digest schedule set to "0 6 \* \* \*" \(at 06:00, every day, Kyiv time\)/) });
    expect(await world.store.getChannel(`slack:${CHANNEL}`)).toMatchObject({ schedule: '0 6 * * *', timezone: 'Europe/Kyiv' });
  });

  it('slow subcommands are acked at once and answered through response_url, as over HTTP', async () => {
    await fake.waitForSocket();
    const result = await fake.sendSocketCommand({ command: '/digest', text: 'subscribe ukraine-aid', userId: MEMBER, channelId: CHANNEL });
    expect(result).toMatchObject({ timedOut: false, ack: null });
    await fake.waitFor(() => fake.responsesTo(result.responseUrlId).length > 0);
    expect(fake.responsesTo(result.responseUrlId)[0]!.body.text).toMatch(/^Sorry, \/digest subscribe changes this channel's setup/);
  });

  it('opens no HTTP endpoint: /slack/events is not served', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '' });
    expect(res.status).toBe(404);
  });

  it('stop() closes the socket', async () => {
    await fake.waitForSocket();
    await slack.stop();
    await fake.waitFor(() => fake.sockets.size === 0);
    expect(fake.sockets.size).toBe(0);
  });

  it.each(['disconnect', 'drop'] as const)('after Slack %s the app opens a new connection and answers the next command', async (how) => {
    await fake.waitForSocket();
    const first = [...fake.sockets][0]!;
    if (how === 'disconnect') fake.sendSocketDisconnect('refresh_requested');
    else fake.dropSockets();
    await fake.waitFor(() => fake.callsTo('apps.connections.open').length === 2 && fake.sockets.size === 1 && !fake.sockets.has(first), 20_000);
    const result = await fake.sendSocketCommand({ command: '/digest', text: 'schedule "0 7 * * *" UTC', userId: LISTED_ADMIN, channelId: CHANNEL });
    expect(result).toMatchObject({ timedOut: false, ack: { text: expect.stringMatching(/^Digest schedule set to "0 7 \* \* \*"/) } });
    expect(await world.store.getChannel(`slack:${CHANNEL}`)).toMatchObject({ schedule: '0 7 * * *' });
  }, 30_000);
});
