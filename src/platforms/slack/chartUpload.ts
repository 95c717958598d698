/**
 * Posts a chart into a Slack channel with the external upload flow, through the WebClient's
 * filesUploadV2: files.getUploadURLExternal, a POST of the bytes to the upload_url, then
 * files.completeUploadExternal with channel_id and the points as the initial comment. The client
 * must not retry on its own (retries: 0): a repeated complete could share the file twice.
 */
import type { webApi } from '@slack/bolt';
import type { ChartImage } from '../../charts/chartImage.js';
import { slackErrorCode } from './deliveryError.js';
import { escapeSlackText } from './slackText.js';

/** Resolves with the shared file's id. */
export type ChartUploader = (channelId: string, chart: ChartImage) => Promise<string>;

export function createChartUploader(client: webApi.WebClient): ChartUploader {
  return async (channelId, chart) => {
    const result = await client.filesUploadV2({
      channel_id: channelId,
      file: chart.png,
      filename: chart.filename,
      title: chart.title,
      alt_text: chart.altText,
      initial_comment: escapeSlackText(chart.fallbackText),
    });
    // One completion per channel, each listing its files.
    const completion = (result.files as Array<{ files?: Array<{ id?: string }> }> | undefined)?.[0];
    return completion?.files?.[0]?.id ?? 'uploaded';
  };
}

const REASONS: Readonly<Record<string, string>> = {
  not_in_channel: 'the bot is not a member of this channel (invite it with /invite @newsdigest)',
  channel_not_found: 'Slack does not let the bot see this channel',
  is_archived: 'this channel is archived',
  invalid_auth: "Slack refused the bot's token",
  not_authed: "Slack refused the bot's token",
  missing_scope: 'the Slack app lacks the files:write scope',
  file_uploads_disabled: 'this workspace has turned file uploads off',
  file_upload_size_restricted: 'this workspace restricts the size of uploads',
};

/** Why Slack did not take the chart, in words for the person who asked for it. */
export function slackUploadProblem(err: unknown): string {
  const code = slackErrorCode(err);
  if (code) return `The chart image could not be posted: ${REASONS[code] ?? `Slack answered ${code}`}`;
  return "The chart image could not be posted: Slack's file service did not take the upload";
}

export function slackChartFallbackText(err: unknown, fallbackText: string): string {
  return `${slackUploadProblem(err)}. Here are its points as text:\n${fallbackText}`;
}
