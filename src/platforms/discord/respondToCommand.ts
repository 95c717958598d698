/**
 * Answers one slash command within Discord's 3-second window, whichever way it arrived: inline
 * (type 4) when the command finishes in time, else deferred (type 5) and completed by editing the
 * original response. Slow subcommands (spec.slow) are deferred at once.
 */
import type { Reply } from '../../commands/command.js';
import type { CommandRunner } from '../../commands/handleCommand.js';
import { findCommand, isSlowCall } from '../../commands/table.js';
import type { Logger } from '../../observability/logger.js';
import { observeCommand } from '../../observability/metrics.js';
import { toInvocation, type DiscordCommandCall } from './invocation.js';
import { chartReplyMessage, replyMessage, type DiscordFile, type DiscordReplyBody } from './replyMessage.js';
import { chartFallbackText } from './uploadProblem.js';

/** The four ways to answer an interaction; HTTP and gateway mode each implement them. */
export interface InteractionResponder {
  /** Initial response, type 4 (CHANNEL_MESSAGE_WITH_SOURCE). */
  reply(body: DiscordReplyBody): Promise<void>;
  /** Initial response, type 5 (DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE); only EPHEMERAL is a valid flag. */
  defer(ephemeral: boolean): Promise<void>;
  /** PATCH /webhooks/{app}/{token}/messages/@original, multipart when files are given. Flags cannot change on an edit. */
  editOriginal(body: DiscordReplyBody, files?: DiscordFile[]): Promise<void>;
  deleteOriginal(): Promise<void>;
  /** POST /webhooks/{app}/{token}: a follow-up, which may be ephemeral on its own. */
  followUp(body: DiscordReplyBody, files?: DiscordFile[]): Promise<void>;
}

export interface RespondOptions {
  runCommand: CommandRunner;
  logger: Logger;
  /** Defer when the command is not done by then; leaves a margin under Discord's 3 s. */
  deferAfterMs?: number;
}

export const DEFAULT_DEFER_AFTER_MS = 2_000;

/**
 * Whether a deferred reply should be ephemeral before the reply exists: admin output is private by
 * contract (command.ts), and slow subcommands act (post a digest, subscribe) and privately confirm.
 * A wrong guess is corrected by deleting the placeholder and sending a follow-up instead.
 */
export function expectsEphemeralReply(call: Pick<DiscordCommandCall, 'command' | 'subcommand'>): boolean {
  const spec = findCommand(call.command);
  if (!spec) return true;
  const sub = spec.subcommands.find((s) => s.name === call.subcommand);
  return sub ? sub.admin || Boolean(sub.slow) : spec.admin;
}

/**
 * Slow work (a slow subcommand, or a chart to render and upload) is deferred at once, unless it
 * will be refused for lack of admin rights (an instant reply).
 */
function deferAtOnce(call: Pick<DiscordCommandCall, 'command' | 'subcommand' | 'options'>, isAdmin: boolean): boolean {
  const spec = findCommand(call.command);
  if (!spec) return false;
  const sub = spec.subcommands.find((s) => s.name === call.subcommand);
  const adminOnly = sub ? sub.admin : spec.admin;
  return isSlowCall(call.command, call.subcommand, call.options) && (isAdmin || !adminOnly);
}

const failureReply = (usage: string): Reply => ({ text: `Sorry, ${usage} failed on our side. Please try again in a moment.`, ephemeral: true });

export async function respondToCommand(call: DiscordCommandCall, responder: InteractionResponder, options: RespondOptions): Promise<void> {
  const { logger } = options;
  const usage = `/${call.command}${call.subcommand ? ` ${call.subcommand}` : ''}`;
  const started = performance.now();
  const invocation = toInvocation(call);
  const running: Promise<Reply> = Promise.resolve()
    .then(() => options.runCommand(invocation))
    .catch((err: unknown) => {
      logger.error({ err, command: usage }, 'discord command failed');
      return failureReply(usage);
    });
  const observe = (): void => observeCommand('discord', call.command, (performance.now() - started) / 1000);

  let done: Reply | null = null;
  if (!deferAtOnce(call, invocation.isAdmin)) {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS)));
    done = await Promise.race([running, deadline]);
    clearTimeout(timer);
  }
  // A chart cannot ride in the initial HTTP answer; it is always completed by an edit.
  if (done && !done.chart) {
    observe();
    await responder.reply(replyMessage(done));
    return;
  }

  const deferredEphemeral = expectsEphemeralReply(call);
  await responder.defer(deferredEphemeral);
  const reply = await running;
  observe();
  if (reply.chart && reply.ephemeral === deferredEphemeral) {
    await completeWithChart(reply, responder, logger, usage);
    return;
  }
  const body = replyMessage(reply);
  try {
    if (reply.ephemeral === deferredEphemeral) {
      const { flags: _flags, ...edit } = body;
      await responder.editOriginal(edit);
    } else {
      await responder.deleteOriginal();
      await responder.followUp(body);
    }
  } catch (err) {
    logger.warn({ err, command: usage }, 'could not complete a deferred Discord reply');
  }
}

/**
 * Edits the deferred reply into the chart (multipart: files[0] + payload_json). When Discord refuses
 * the upload (too large, a bad form), the reply becomes the reason and the chart's points as text,
 * so the person who asked still gets every value.
 */
async function completeWithChart(reply: Reply, responder: InteractionResponder, logger: Logger, usage: string): Promise<void> {
  const { body, files } = chartReplyMessage(reply);
  try {
    await responder.editOriginal(body, files);
    return;
  } catch (err) {
    logger.warn({ err, command: usage }, 'Discord refused the chart upload: answering with its points as text');
    const { flags: _flags, ...text } = replyMessage({ text: chartFallbackText(err, reply.text), ephemeral: false });
    try {
      await responder.editOriginal(text);
    } catch (again) {
      logger.warn({ err: again, command: usage }, 'could not complete a deferred Discord reply');
    }
  }
}
