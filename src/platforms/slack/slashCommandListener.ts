/**
 * One Slack slash command, from Bolt's listener arguments to the shared runner and back. Slack waits
 * 3 s for the acknowledgement: quick answers go in the ack itself; slow subcommands (spec.slow) and
 * anything not done within the budget are acked silently first and answered through response_url.
 */
import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Invocation, Reply } from '../../commands/command.js';
import type { CommandRunner } from '../../commands/handleCommand.js';
import { findCommand, isSlowCall } from '../../commands/table.js';
import type { Logger } from '../../observability/logger.js';
import { observeCommand } from '../../observability/metrics.js';
import type { AdminCheck } from './adminCheck.js';
import { parseSlashCommand } from './parseSlashCommand.js';
import { slackReplyMessage } from './slackText.js';
import { slackChartFallbackText, type ChartUploader } from './chartUpload.js';

export interface SlashCommandListenerOptions {
  runCommand: CommandRunner;
  isAdmin: AdminCheck;
  logger: Logger;
  /** How long a command may run before the ack goes out without its answer (default 2 s of Slack's 3). */
  ackBudgetMs?: number;
  /** Work still running after the ack (so stop() can wait for it). */
  track: (work: Promise<unknown>) => void;
  /** Posts a reply's chart into the channel (files.getUploadURLExternal → upload → complete). */
  uploadChart: ChartUploader;
}

type Outcome = { reply: Reply } | { error: unknown };

export function createSlashCommandListener(options: SlashCommandListenerOptions) {
  const budget = options.ackBudgetMs ?? 2_000;
  const { logger } = options;

  return async ({ command, ack, respond }: Pick<SlackCommandMiddlewareArgs, 'command' | 'ack' | 'respond'>): Promise<void> => {
    const started = performance.now();
    const parsed = parseSlashCommand(command.command, command.text);
    if (!parsed.ok) {
      await ack(slackReplyMessage({ text: parsed.usage, ephemeral: true }));
      return;
    }
    const spec = findCommand(parsed.command)!;
    const sub = parsed.subcommand ? spec.subcommands.find((s) => s.name === parsed.subcommand) : undefined;
    const needsAdmin = sub ? sub.admin : spec.admin;
    const slow = isSlowCall(parsed.command, parsed.subcommand, parsed.args);
    const label = [spec.name, sub?.name].filter(Boolean).join(' ');

    const work: Promise<Outcome> = (async () => {
      const invocation: Invocation = {
        platform: 'slack',
        channelId: command.channel_id,
        workspaceId: command.team_id || null,
        userId: command.user_id,
        command: parsed.command,
        subcommand: parsed.subcommand,
        args: parsed.args,
        // Only admin subcommands cost a users.info lookup.
        isAdmin: needsAdmin ? await options.isAdmin(command.user_id) : false,
      };
      return { reply: await options.runCommand(invocation) };
    })().then(
      (outcome) => outcome,
      (error: unknown) => ({ error }),
    );
    const finished = work.then((outcome) => {
      observeCommand('slack', spec.name, (performance.now() - started) / 1000);
      if ('error' in outcome) logger.error({ err: outcome.error, command: label, userId: command.user_id }, 'Slack command failed');
      return outcome;
    });

    const early = slow ? null : await within(finished, budget);
    if (early) {
      await ack(toMessage(early, label));
      return;
    }
    await ack();
    const later = (async () => {
      const outcome = await finished;
      try {
        if ('reply' in outcome && outcome.reply.chart) {
          // The picture goes into the channel as a file message; response_url cannot carry files.
          try {
            await options.uploadChart(command.channel_id, outcome.reply.chart);
            return;
          } catch (err) {
            logger.warn({ err, command: label, channelId: command.channel_id }, 'Slack did not take the chart upload: answering with its points as text');
            await respond(slackReplyMessage({ text: slackChartFallbackText(err, outcome.reply.text), ephemeral: false }));
            return;
          }
        }
        await respond(toMessage(outcome, label));
      } catch (err) {
        // An expired or used-up response_url: the user sees nothing more, the log says why.
        logger.warn({ err, command: label }, 'Could not answer a Slack command through response_url');
      }
    })();
    options.track(later);
    await later;
  };
}

function toMessage(outcome: Outcome, label: string) {
  if ('reply' in outcome) return slackReplyMessage(outcome.reply);
  return slackReplyMessage({ text: `Sorry, /${label} failed on our side; the error was logged. Please try again later.`, ephemeral: true });
}

/** The promise's value if it settles within `ms`, else null (the promise keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
