/**
 * The Slack adapter as the app runs it, against the fake Slack: our one HTTP server on 127.0.0.1,
 * startSlack in HTTP mode with SLACK_API_URL pointing at the fake, and the given command runner.
 */
import path from 'node:path';
import { loadConfig } from '../../../src/config/load.js';
import { EnvSchema, type Config } from '../../../src/config/schema.js';
import type { CommandRunner } from '../../../src/commands/handleCommand.js';
import { silentLogger, type Logger } from '../../../src/observability/logger.js';
import { createHttpServer, type HttpServer } from '../../../src/server/httpServer.js';
import { startSlack, type SlackAdapter } from '../../../src/platforms/slack/index.js';
import { FakeSlack, type SlashCommandInput, type SendOptions } from '../../fakes/slack/fakeSlack.js';
import { repoRoot } from '../../helpers/tempConfig.js';

/** Ids the fake knows: a member, workspace admin and owner, a user listed in config, a channel. */
export const MEMBER = 'U0MEMBER01';
export const WORKSPACE_ADMIN = 'U0ADMIN001';
export const WORKSPACE_OWNER = 'U0OWNER001';
export const LISTED_ADMIN = 'U0LISTED01';
export const CHANNEL = 'C0GENERAL1';

export function testConfig(): Config {
  const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {}, dotenv: false });
  return { ...config, slack: { adminUserIds: [LISTED_ADMIN] } };
}

export interface SlackHarness {
  fake: FakeSlack;
  server: HttpServer;
  slack: SlackAdapter;
  eventsUrl: string;
  config: Config;
  send(input: SlashCommandInput, options?: SendOptions): ReturnType<FakeSlack['sendCommand']>;
  close(): Promise<void>;
}

export async function startHarness(options: { runCommand: CommandRunner; config?: Config; logger?: Logger; fake?: FakeSlack }): Promise<SlackHarness> {
  const fake = options.fake ?? (await FakeSlack.start());
  fake.addChannel(CHANNEL);
  fake.setUser(MEMBER, {});
  fake.setUser(WORKSPACE_ADMIN, { is_admin: true });
  fake.setUser(WORKSPACE_OWNER, { is_owner: true });
  fake.setUser(LISTED_ADMIN, {});
  const config = options.config ?? testConfig();
  const server = createHttpServer(silentLogger);
  const port = await server.listen(0, '127.0.0.1');
  const env = EnvSchema.parse({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: fake.signingSecret, SLACK_API_URL: fake.apiUrl });
  const slack = await startSlack({ env, config, logger: options.logger ?? silentLogger, runCommand: options.runCommand, server });
  const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  return {
    fake,
    server,
    slack,
    eventsUrl,
    config,
    send: (input, sendOptions) => fake.sendCommand(eventsUrl, { channelId: CHANNEL, ...input }, sendOptions),
    async close() {
      await slack.stop();
      await server.close();
      await fake.close();
    },
  };
}
