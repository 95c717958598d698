/**
 * Answers one slash command within Discord's 3-second window, whichever way it arrived: inline
 * (type 4) when the command finishes in time, else deferred (type 5) and completed by editing the
 * original response. Slow subcommands (spec.slow) are deferred at once.
 */
import type { Reply } from '../../commands/command.js';
import type { CommandRunner } from '../../commands/handleCommand.js';
import { findCommand } from '../../commands/table.js';
import type { Logger } from '../../observability/logger.js';
import { observeCommand } from '../../observability/metrics.js';
import { toInvocation, type DiscordCommandCall } from './invocation.js';
import { replyMessage, type DiscordReplyBody } from './replyMessage.js';

/** The four ways to answer an interaction; HTTP and gateway mode each implement them. */
export interface InteractionResponder {
  /** Initial response, type 4 (CHANNEL_MESSAGE_WITH_SOURCE). */
  reply(body: DiscordReplyBody): Promise<void>;
  /** Initial response, type 5 (DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE); only EPHEMERAL is a valid flag. */
  defer(ephemeral: boolean): Promise<void>;
  /** PATCH /webhooks/{app}/{token}/messages/@original. Flags cannot change on an edit. */
  editOriginal(body: DiscordReplyBody): Promise<void>;
  deleteOriginal(): Promise<void>;
  /** POST /webhooks/{app}/{token}: a follow-up, which may be ephemeral on its own. */
  followUp(body: DiscordReplyBody): Promise<void>;
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

/** Slow work is deferred at once, unless it will be refused for lack of admin rights (an instant reply). */
function deferAtOnce(call: Pick<DiscordCommandCall, 'command' | 'subcommand'>, isAdmin: boolean): boolean {
  const spec = findCommand(call.command);
  if (!spec) return false;
  const sub = spec.subcommands.find((s) => s.name === call.subcommand);
  const slow = Boolean(sub ? sub.slow : spec.slow);
  const adminOnly = sub ? sub.admin : spec.admin;
  return slow && (isAdmin || !adminOnly);
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
  if (done) {
    observe();
    await responder.reply(replyMessage(done));
    return;
  }

  const deferredEphemeral = expectsEphemeralReply(call);
  await responder.defer(deferredEphemeral);
  const reply = await running;
  observe();
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
