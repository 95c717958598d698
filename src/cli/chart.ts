/**
 * `newsdigest chart "<question or measure>" [--as-of YYYY-MM-DD] [--out FILE.png]`: draws the series
 * an `ask` of the same words answers from, as a PNG. When nothing matches, prints the answer's
 * "not known" text (which lists what is known) and exits 1 without writing a file.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { AnswerContext } from '../answers/answer.js';
import { chartForWords } from '../charts/chartForWords.js';
import { parseAsOf, withAnswerContext } from './askShared.js';

export interface ChartOptions {
  asOf?: string;
  out?: string;
}

export interface ChartRun {
  written: string | null;
  renderMs: number;
}

/** Resolves, renders and writes one chart; the caller owns the store. */
export async function runChart(words: string, options: ChartOptions, ctx: AnswerContext, out: (line: string) => void): Promise<ChartRun> {
  const outcome = await chartForWords(words, ctx, options.asOf !== undefined ? { asOf: options.asOf } : {});
  if (outcome.kind === 'none') {
    out(outcome.answer.text);
    return { written: null, renderMs: 0 };
  }
  const { image, series, renderMs } = outcome;
  const file = options.out ?? 'chart.png';
  writeFileSync(file, image.png);
  out(`${image.fallbackText}\nWrote ${file} (${series.points.length} point${series.points.length === 1 ? '' : 's'}, rendered in ${Math.round(renderMs)} ms).`);
  return { written: file, renderMs };
}

export function registerChart(program: Command): void {
  program
    .command('chart')
    .description('draw the series an ask of the same words answers from, e.g. chart "total US aid" --out aid.png')
    .argument('<words...>', 'a question or a measure (quotes optional)')
    .option('--as-of <YYYY-MM-DD>', 'as of this day: nothing published later is used', parseAsOf)
    .option('--out <FILE.png>', 'where to write the PNG (default chart.png)')
    .action(async (words: string[], opts: ChartOptions, command: Command) => {
      const text = words.join(' ').trim();
      if (text === '') command.error('error: say what to chart, for example: newsdigest chart "total US aid to Ukraine"', { exitCode: 2 });
      if (opts.out !== undefined && !opts.out.toLowerCase().endsWith('.png')) command.error(`error: --out must name a .png file (got "${opts.out}")`, { exitCode: 2 });
      const r = await withAnswerContext((ctx, out) => runChart(text, opts, ctx, out));
      if (r.written === null) process.exitCode = 1;
    });
}
