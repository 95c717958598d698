/** What `ask` and `chart` share: the --as-of option, and a run over the stored figures that prints lines. */
import { InvalidArgumentError } from 'commander';
import { AnswerInputError, checkAsOf, type AnswerContext } from '../answers/answer.js';
import { openRuntime } from '../runtime.js';

/** The --as-of parser: a real calendar day, or commander's "argument is invalid" with the reason. */
export function parseAsOf(value: string): string {
  try {
    return checkAsOf(value);
  } catch (err) {
    if (err instanceof AnswerInputError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

/** Opens the runtime, hands `run` the store and config and a writer of lines to stdout, and closes it. */
export async function withAnswerContext<T>(run: (ctx: AnswerContext, out: (line: string) => void) => Promise<T>): Promise<T> {
  const rt = await openRuntime();
  try {
    return await run({ store: rt.store, config: rt.config }, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await rt.close();
  }
}
