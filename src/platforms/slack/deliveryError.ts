/** Slack Web API failures as DeliveryErrors: permanent when sending the same message again cannot help. */
import { DeliveryError } from '../../delivery/sender.js';

/**
 * chat.postMessage errors that retrying cannot fix: the channel, the token or the message itself is
 * wrong. Everything else (internal_error, fatal_error, service_unavailable, request_timeout,
 * message_limit_exceeded, network failures) is worth another try later.
 */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'too_many_attachments',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_arguments',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'access_denied',
  'team_access_not_granted',
  'ekm_access_denied',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'invalid_charset',
  'invalid_form_data',
  'invalid_post_type',
  'missing_post_type',
  // files.getUploadURLExternal: the workspace does not take this file.
  'file_uploads_disabled',
  'file_uploads_except_images_disabled',
  'file_upload_size_restricted',
  'file_type_not_allowed',
]);

interface SlackErrorLike {
  code?: string;
  data?: { error?: string };
  retryAfter?: number;
  statusCode?: number;
  message?: string;
}

/** The Web API error code of a WebClient failure ("channel_not_found"), or null for transport failures. */
export function slackErrorCode(err: unknown): string | null {
  const e = err as SlackErrorLike;
  return e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string' ? e.data.error : null;
}

export function toDeliveryError(err: unknown, channelId: string): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as SlackErrorLike;
  const code = slackErrorCode(err);
  if (code) {
    return new DeliveryError(`Slack refused the message to ${channelId}: ${code}`, PERMANENT_SLACK_ERRORS.has(code));
  }
  if (e?.code === 'slack_webapi_rate_limited_error') {
    return new DeliveryError(`Slack rate-limited posting to ${channelId} (retry after ${e.retryAfter}s)`, false, e.retryAfter);
  }
  if (e?.code === 'slack_webapi_http_error') {
    return new DeliveryError(`Slack answered HTTP ${e.statusCode} posting to ${channelId}`, false);
  }
  return new DeliveryError(`Could not reach Slack posting to ${channelId}: ${e?.message ?? String(err)}`, false);
}
