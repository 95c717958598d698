/**
 * `newsdigest extract [FILE|-] [--json] [--published YYYY-MM-DD] [--format auto|text|json]`: the
 * key figures of one article, read with the rules in config (no database). The input is plain text,
 * or JSON {title, text, published, source}; offsets in the output are into the text (for JSON,
 * into its `text`), counted in UTF-16 code units like JavaScript string indices.
 */
import { accessSync, constants as fsConstants, createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { extractFigures } from '../figures/extractFigures.js';
import type { Figure, FigureInput } from '../figures/figure.js';
import { formatFigure } from '../figures/formatFigure.js';

/** Bad input for `extract`: the message says what was wrong; the CLI exits 2. */
export class ExtractInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractInputError';
  }
}

export type InputFormat = 'auto' | 'text' | 'json';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD that names a real day, or an error naming the option. */
export function checkPublished(value: string, what: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new ExtractInputError(`${what}: expected a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/**
 * Reads the article: JSON when `format` is json, or when it is auto and the input starts with "{";
 * plain text otherwise. `published` (from --published) wins over the JSON's own date.
 */
export function parseExtractInput(raw: string, format: InputFormat, published?: string): FigureInput {
  const body = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const looksJson = body.trimStart().startsWith('{');
  let input: FigureInput;
  if (format === 'json' || (format === 'auto' && looksJson)) {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (err) {
      throw new ExtractInputError(`input is not valid JSON (${(err as Error).message}); use --format text to read it as plain text`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ExtractInputError('JSON input must be an object {title, text, published, source}');
    const o = data as Record<string, unknown>;
    if (typeof o.text !== 'string') throw new ExtractInputError('JSON input must have a "text" string');
    for (const key of ['title', 'published', 'source'] as const) {
      if (o[key] !== undefined && o[key] !== null && typeof o[key] !== 'string') throw new ExtractInputError(`JSON input: "${key}" must be a string or null`);
    }
    input = {
      title: (o.title as string | null | undefined) ?? null,
      text: o.text,
      published: (o.published as string | null | undefined) ?? null,
      source: (o.source as string | null | undefined) ?? null,
    };
  } else {
    input = { title: null, text: body, published: null, source: null };
  }
  if (published !== undefined) input.published = checkPublished(published, '--published');
  return input;
}

/** The figures as a readable table: one line each, value with its hedge, kind, actor, running total, quote. */
export function renderFigureTable(figures: Figure[]): string {
  if (figures.length === 0) return 'no key figures found\n';
  const rows = figures.map((f) => [
    formatFigure(f),
    f.category,
    f.actor ?? '-',
    f.cumulative ? 'to date' : '',
    `"${f.quote.replace(/\s+/g, ' ')}" @${f.start}`,
  ]);
  const header = ['figure', 'category', 'actor', 'total', 'quote'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

/**
 * One line of `extract --jsonl`: the article's figures, or an error line that names the line
 * number (and the id, when the line had one) so a pipeline can see which input was refused.
 */
export function extractJsonLine(line: string, lineNumber: number, rules: Parameters<typeof extractFigures>[1]): { out: string; ok: boolean } {
  let id: unknown = null;
  try {
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (err) {
      throw new ExtractInputError(`not valid JSON (${(err as Error).message})`);
    }
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
      const raw = (data as Record<string, unknown>).id;
      if (typeof raw === 'string' || typeof raw === 'number') id = raw;
    }
    const input = parseExtractInput(line, 'json');
    return { out: JSON.stringify({ id, figures: extractFigures(input, rules) }), ok: true };
  } catch (err) {
    if (!(err instanceof ExtractInputError)) throw err;
    return { out: JSON.stringify({ id, line: lineNumber, error: `line ${lineNumber}${id !== null ? ` (id ${JSON.stringify(id)})` : ''}: ${err.message}` }), ok: false };
  }
}

/** Reads JSON lines from `file` (or stdin) and writes one line per article, in order; returns the number of bad lines. */
async function extractJsonLines(file: string | undefined, rules: Parameters<typeof extractFigures>[1]): Promise<number> {
  let stream: NodeJS.ReadableStream;
  if (file === undefined || file === '-') stream = process.stdin;
  else {
    try {
      accessSync(file, fsConstants.R_OK); // fail early with a clear message on a missing file
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new ExtractInputError(e.code === 'ENOENT' ? `${file}: file not found` : `${file}: cannot read (${e.code ?? e.message})`);
    }
    stream = createReadStream(file, 'utf8');
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let bad = 0;
  let n = 0;
  let buffer: string[] = [];
  let size = 0;
  for await (const raw of lines) {
    n++;
    const line = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (line.trim().length === 0) continue;
    const { out, ok } = extractJsonLine(line, n, rules);
    if (!ok) {
      bad++;
      process.stderr.write(`newsdigest extract: ${(JSON.parse(out) as { error: string }).error}\n`);
    }
    buffer.push(out);
    size += out.length;
    if (size > 1 << 16) {
      if (!process.stdout.write(`${buffer.join('\n')}\n`)) await new Promise((r) => process.stdout.once('drain', r));
      buffer = [];
      size = 0;
    }
  }
  if (buffer.length > 0) process.stdout.write(`${buffer.join('\n')}\n`);
  return bad;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function readInput(file: string | undefined): Promise<string> | string {
  if (file === undefined || file === '-') return readStdin();
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ExtractInputError(e.code === 'ENOENT' ? `${file}: file not found` : `${file}: cannot read (${e.code ?? e.message})`);
  }
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('print the key figures of one article (plain text, or JSON {title, text, published, source})')
    .argument('[file]', 'the article file, or - for standard input (default)')
    .option('--json', 'print a JSON array of figures')
    .option('--jsonl', 'read one JSON article {id, title, text, published, source} per line; print {"id", "figures"} per line, in order')
    .option('--published <date>', 'publication date, YYYY-MM-DD (overrides the JSON "published")')
    .option('--format <format>', 'input format: auto (JSON when it starts with "{"), text or json', 'auto')
    .action(async (file: string | undefined, opts: { json?: boolean; jsonl?: boolean; published?: string; format: string }) => {
      try {
        if (opts.jsonl) {
          const { config } = loadConfig();
          const bad = await extractJsonLines(file, config.figures);
          if (bad > 0) process.exitCode = 2;
          return;
        }
        if (opts.format !== 'auto' && opts.format !== 'text' && opts.format !== 'json') {
          throw new ExtractInputError(`--format: expected auto, text or json, got "${opts.format}"`);
        }
        if (opts.published !== undefined) checkPublished(opts.published, '--published');
        const { config } = loadConfig();
        const input = parseExtractInput(await readInput(file), opts.format, opts.published);
        const figures = extractFigures(input, config.figures);
        process.stdout.write(opts.json ? `${JSON.stringify(figures, null, 2)}\n` : renderFigureTable(figures));
      } catch (err) {
        if (!(err instanceof ExtractInputError)) throw err;
        process.stderr.write(`newsdigest extract: ${err.message}\n`);
        process.exitCode = 2;
      }
    });
}
