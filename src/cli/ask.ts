/**
 * `newsdigest ask "<question>" [--as-of YYYY-MM-DD] [--json]`: answers a question from the stored
 * figures, naming the figure, its source and date and how it changed; or says what is known instead.
 * --json prints exactly {text, figure, article, breakdown, series, history} (figure, article and series null when nothing matches).
 */
import type { Command } from 'commander';
import { answer, type Answer, type AnswerContext, type AnswerSeries } from '../answers/answer.js';
import { parseAsOf, withAnswerContext } from './askShared.js';

/** The --json shape, key for key: nothing more, so scripts can rely on it. */
export interface AskJson {
  text: string;
  figure: Answer['figure'];
  article: Answer['article'];
  history: Answer['history'];
  /** Each actor's latest total when no actor was named ([] when one actor answers). */
  breakdown: Array<{ figure: NonNullable<Answer['figure']>; article: NonNullable<Answer['article']> }>;
  /** The main figure's series (actor, category, unit, since): the history is of this series. */
  series: AnswerSeries | null;
}

const figureJson = (f: NonNullable<Answer['figure']>): NonNullable<Answer['figure']> => ({ value: f.value, value_max: f.value_max, unit: f.unit, qualifier: f.qualifier, category: f.category, actor: f.actor, cumulative: f.cumulative, quote: f.quote });
const articleJson = (a: NonNullable<Answer['article']>): NonNullable<Answer['article']> => ({ title: a.title, source: a.source, link: a.link, published: a.published });

export function toAskJson(a: Answer): AskJson {
  return {
    text: a.text,
    figure: a.figure ? figureJson(a.figure) : null,
    article: a.article ? articleJson(a.article) : null,
    breakdown: (a.breakdown ?? []).map((b) => ({ figure: figureJson(b.figure), article: articleJson(b.article) })),
    series: a.series ? { actor: a.series.actor, category: a.series.category, unit: a.series.unit, since: a.series.since } : null,
    history: a.history.map((h) => ({ value: h.value, qualifier: h.qualifier, published: h.published, source: h.source })),
  };
}

export interface AskOptions {
  asOf?: string;
  json?: boolean;
}

/** Answers one question and writes it out; the caller owns the store. */
export async function runAsk(question: string, options: AskOptions, ctx: AnswerContext, out: (line: string) => void): Promise<Answer> {
  const a = await answer(question, ctx, options.asOf !== undefined ? { asOf: options.asOf } : {});
  out(options.json ? JSON.stringify(toAskJson(a)) : a.text);
  return a;
}

export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('answer a question from the stored figures, e.g. ask "What is the total US aid to date?"')
    .argument('<question...>', 'the question (quotes optional)')
    .option('--as-of <YYYY-MM-DD>', 'answer as of this day: nothing published later is used', parseAsOf)
    .option('--json', 'print {text, figure, article, breakdown, series, history} as JSON')
    .action(async (words: string[], opts: AskOptions, command: Command) => {
      const question = words.join(' ').trim();
      if (question === '') command.error('error: the question is empty; ask, for example: newsdigest ask "What is the total US aid to date?"', { exitCode: 2 });
      await withAnswerContext((ctx, out) => runAsk(question, opts, ctx, out));
    });
}
