/**
 * `newsdigest ask "<question>" [--as-of YYYY-MM-DD] [--json]`: answers a question from the stored
 * figures, naming the figure, its source and date and how it changed; or says what is known instead.
 * --json prints exactly {text, figure, article, history} (figure and article null when nothing matches).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { answer, AnswerInputError, checkAsOf, type Answer, type AnswerContext } from '../answers/answer.js';
import { openRuntime } from '../runtime.js';

/** The --json shape, key for key: nothing more, so scripts can rely on it. */
export interface AskJson {
  text: string;
  figure: Answer['figure'];
  article: Answer['article'];
  history: Answer['history'];
}

export function toAskJson(a: Answer): AskJson {
  return {
    text: a.text,
    figure: a.figure
      ? { value: a.figure.value, value_max: a.figure.value_max, unit: a.figure.unit, qualifier: a.figure.qualifier, category: a.figure.category, actor: a.figure.actor, cumulative: a.figure.cumulative, quote: a.figure.quote }
      : null,
    article: a.article ? { title: a.article.title, source: a.article.source, link: a.article.link, published: a.article.published } : null,
    history: a.history.map((h) => ({ value: h.value, qualifier: h.qualifier, published: h.published, source: h.source })),
  };
}

function parseAsOf(value: string): string {
  try {
    return checkAsOf(value);
  } catch (err) {
    if (err instanceof AnswerInputError) throw new InvalidArgumentError(err.message);
    throw err;
  }
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
    .option('--json', 'print {text, figure, article, history} as JSON')
    .action(async (words: string[], opts: AskOptions, command: Command) => {
      const question = words.join(' ').trim();
      if (question === '') command.error('error: the question is empty; ask, for example: newsdigest ask "What is the total US aid to date?"', { exitCode: 2 });
      const rt = await openRuntime();
      try {
        await runAsk(question, opts, { store: rt.store, config: rt.config }, (line) => process.stdout.write(`${line}\n`));
      } finally {
        await rt.close();
      }
    });
}
