/** The ChatSender that posts digests to Slack, shared by the bot (startSlack) and the `digest` CLI. */
import { webApi } from '@slack/bolt';
import type { Logger } from '../../observability/logger.js';
import type { ChatSender } from '../../delivery/sender.js';
import { renderSlack } from '../../digest/render/slack.js';
import { boltLogger } from './boltLogger.js';
import type { SlackSettings } from './settings.js';
import { createSlackSender } from './slackSender.js';
import { createChartUploader } from './chartUpload.js';

/**
 * A WebClient that sends each call once: the sender waits out 429s itself and re-sends only then,
 * so a message (or a file share) Slack may have accepted is never re-sent blindly.
 */
export function createOnceClient(settings: Pick<SlackSettings, 'botToken' | 'apiUrl'>, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(settings.botToken, {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    logger: boltLogger(logger),
    timeout: 30_000,
    // The sender waits out 429s itself and re-sends only then; nothing else is retried here, so a
    // message Slack may have accepted is never re-sent blindly (the outbox decides).
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}

export function createSlackPostingSender(settings: Pick<SlackSettings, 'botToken' | 'apiUrl'>, logger: Logger): ChatSender {
  const client = createOnceClient(settings, logger);
  return createSlackSender({ client, render: renderSlack, logger, uploadChart: createChartUploader(client) });
}
