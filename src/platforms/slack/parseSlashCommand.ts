/**
 * Slack slash commands carry one free-text argument; this turns `/digest schedule "0 8 * * *" UTC`
 * into the shared table's subcommand and named options, or into a usage message. Pure: values are
 * only split here, the core (handleCommand) checks them.
 */
import type { Invocation, OptionSpec } from '../../commands/command.js';
import { COMMANDS, findCommand } from '../../commands/table.js';
import { isValidTimeZone } from '../../config/validators.js';
import { splitAlertWords } from '../../alerts/alertRule.js';

const capitalize = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export type ParsedSlashCommand =
  | ({ ok: true } & Pick<Invocation, 'command' | 'subcommand' | 'args'>)
  | { ok: false; usage: string };

const EXAMPLES: Record<string, string> = {
  ask: '/ask total aid to date',
  figures: '/figures ukraine-aid or /figures chart total US aid',
  'digest subscribe': '/digest subscribe ukraine-aid',
  'digest unsubscribe': '/digest unsubscribe https://example.com/feed.xml',
  'digest schedule': '/digest schedule "0 8 * * 1-5" Europe/Kyiv',
  'alert add': '/alert add US aid to Ukraine above 70bn',
  'alert remove': '/alert remove 3',
};

export function parseSlashCommand(command: string, text: string): ParsedSlashCommand {
  const name = command.trim().replace(/^\//, '').toLowerCase();
  const spec = findCommand(name);
  if (!spec) return usage(`Unknown command ${command}. Commands: ${COMMANDS.map((c) => `/${c.name}`).join(', ')}.`);
  const input = decodeSlackText(text ?? '').trim();

  if (spec.subcommands.length === 0) {
    const args = assignFreeText(spec.options, input);
    if (!args) return usage(`${usageLine(spec.name, spec.options, true, true)}${EXAMPLES[spec.name] ? `, e.g. ${EXAMPLES[spec.name]}` : ''}.`);
    return { ok: true, command: spec.name, subcommand: null, args };
  }

  const [first = ''] = input.split(/\s+/);
  const subName = first.toLowerCase();
  const sub = spec.subcommands.find((s) => s.name === subName);
  const all = spec.subcommands.map((s) => usageLine(`${spec.name} ${s.name}`, s.options, false)).join(' | ');
  if (!sub) {
    const why = subName === '' ? `/${spec.name} needs a subcommand` : `/${spec.name} has no subcommand "${first}"`;
    return usage(`${why}. Usage: ${all}.`);
  }
  const rest = input.slice(first.length).trim();
  const key = `${spec.name} ${sub.name}`;
  const subUsage = `${usageLine(key, sub.options)}${EXAMPLES[key] ? `, e.g. ${EXAMPLES[key]}` : ''}.`;

  if (sub.name === 'schedule') {
    const split = splitSchedule(rest);
    if ('problem' in split) return usage(`${split.problem}. ${subUsage}`);
    const args: Record<string, string> = { cron: split.cron };
    if (split.timezone) args.timezone = split.timezone;
    return { ok: true, command: spec.name, subcommand: sub.name, args };
  }
  if (key === 'alert add') {
    // One line of words: the measure, then "above <value>", "below <value>" or "changes".
    const split = splitAlertWords(rest);
    if (!split.ok) return usage(`${capitalize(split.problem)}. ${subUsage}`);
    const { measure, condition, value } = split.value;
    return { ok: true, command: spec.name, subcommand: sub.name, args: { measure, when: condition, ...(value !== undefined ? { value } : {}) } };
  }
  const args = assignFreeText(sub.options, rest);
  if (!args) return usage(sub.options.length === 0 ? `/${key} takes no arguments. ${subUsage}` : subUsage);
  return { ok: true, command: spec.name, subcommand: sub.name, args };
}

/**
 * The first option takes the whole text; a later option is written as its name, then its value
 * (`/figures chart total aid`). Null when the text does not fit.
 */
function assignFreeText(options: OptionSpec[], text: string): Record<string, string> | null {
  if (options.length === 0) return text === '' ? {} : null;
  const [word = '', ...rest] = text.split(/\s+/);
  const named = options.slice(1).find((o) => o.name === word.toLowerCase());
  if (named) {
    const value = rest.join(' ').trim();
    return value === '' ? null : { [named.name]: value };
  }
  const option = options[0]!;
  // "/ask" alone: the command answers with examples (examplesWhenEmpty) rather than the usage line.
  if (text === '') return option.required && !option.examplesWhenEmpty ? null : {};
  return { [option.name]: text };
}

/** `named`: options after the first are written as their name then a value (leaf commands). */
function usageLine(name: string, options: OptionSpec[], prefix = true, named = false): string {
  const parts = options.map((o, i) => (named && i > 0 ? `[${o.name} …]` : o.required ? `<${o.name}>` : `[${o.name}]`));
  return `${prefix ? 'Usage: ' : ''}/${[name, ...parts].join(' ')}`;
}

const usage = (text: string): ParsedSlashCommand => ({ ok: false, usage: text });

const QUOTES: Record<string, string> = { '"': '"”', '“': '”"', '”': '”"', "'": "'’", '‘': '’\'', '’': '’\'' };

/** A quoted cron expression, or 5 fields, or 6 fields (seconds first); what follows is the time zone. */
export function splitSchedule(text: string): { cron: string; timezone: string | null } | { problem: string } {
  if (text === '') return { problem: '/digest schedule needs a cron expression' };
  let cron: string;
  let rest: string[];
  const closers = QUOTES[text[0]!];
  if (closers) {
    const end = [...text.slice(1)].findIndex((ch) => closers.includes(ch));
    if (end < 0) return { problem: 'The cron expression has an opening quote but no closing one' };
    const body = [...text.slice(1)];
    cron = body.slice(0, end).join('').trim();
    rest = body.slice(end + 1).join('').trim().split(/\s+/).filter(Boolean);
  } else {
    const words = text.split(/\s+/);
    if (words.length < 5) return { problem: `"${text}" has ${words.length} field${words.length === 1 ? '' : 's'}; a cron expression has 5 (or 6 with seconds)` };
    if (words.length > 7) return { problem: `"${text}" has too many words for a cron expression (5 or 6 fields) and a time zone` };
    const fields = words.length === 7 || (words.length === 6 && looksLikeTimeZone(words[5]!)) ? words.length - 1 : words.length;
    cron = words.slice(0, fields).join(' ');
    rest = words.slice(fields);
  }
  if (cron === '') return { problem: 'The quotes hold no cron expression' };
  if (rest.length > 1) return { problem: `"${rest.join(' ')}" is not one time zone name; use an IANA name such as Europe/Kyiv` };
  return { cron, timezone: rest[0] ?? null };
}

// A sixth word is a time zone when it is one, or has the Area/Location shape of one (a typo the
// core will name), never when it could be a day-of-week field.
const looksLikeTimeZone = (word: string): boolean => isValidTimeZone(word) || /^[A-Za-z]+(?:[_-][A-Za-z]+)*\/[A-Za-z]/.test(word);

/**
 * Slack sends `&`, `<`, `>` as entities and, with link escaping on, URLs as `<url>` or `<url|label>`;
 * arguments are the plain text the user typed.
 */
export function decodeSlackText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>\s]*)(?:\|[^>]*)?>/gi, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
