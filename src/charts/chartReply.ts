/**
 * The reply to `/figures chart:<measure>`: the chart image with its points as the text fallback, or,
 * when no series matches, a private note saying what figures are held and how to ask for one.
 */
import type { AnswerContext } from '../answers/answer.js';
import type { Invocation, Reply } from '../commands/command.js';
import { chartForWords } from './chartForWords.js';

/** How a user types the command on each platform (Discord options are `name:value`). */
const EXAMPLE: Record<Invocation['platform'], string> = {
  discord: '/figures chart:total US aid to Ukraine',
  slack: '/figures chart total US aid to Ukraine',
  console: 'newsdigest chart "total US aid to Ukraine"',
};

/** `timezone`: the channel's, in which the question's days are read (as /ask reads them). */
export async function chartReply(measure: string, platform: Invocation['platform'], ctx: AnswerContext, timezone?: string): Promise<Reply> {
  const outcome = await chartForWords(measure, ctx, timezone ? { timezone } : {});
  if (outcome.kind === 'none') {
    return {
      text: `There is no series to chart for "${measure}".\n${outcome.answer.text}\nName one of those measures, for example: ${EXAMPLE[platform]}`,
      ephemeral: true,
    };
  }
  return { text: outcome.image.fallbackText, ephemeral: false, chart: outcome.image };
}
