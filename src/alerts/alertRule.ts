/**
 * An alert's rule as people write it: "above 70bn", "below $5 billion", "changes". Values are read
 * with the same number reader as the figures (src/figures/readNumber.ts), so "70bn", "$70 billion",
 * "70 billion dollars" and "700" mean what they mean in an article; "70e9" and "70B" are read too,
 * since here a bare letter after a number can only be a scale. Every problem says how to write it.
 */
import { formatValue } from '../figures/formatFigure.js';
import { readNumber } from '../figures/readNumber.js';
import type { AlertCondition } from '../store/store.js';

export const ALERT_CONDITIONS: readonly AlertCondition[] = ['above', 'below', 'changes'];

export interface AlertLine {
  threshold: number;
  /** A currency code or "percent" when the value named one; null compares with a figure of any unit. */
  unit: string | null;
}

export interface AlertRule {
  condition: AlertCondition;
  threshold: number | null;
  unit: string | null;
}

export const VALUE_EXAMPLES = '70bn, $70 billion, 700 or 70e9';
export const ADD_EXAMPLE = '/alert add US aid to Ukraine above 70bn';

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

const SCIENTIFIC = /^([+-]?\d+(?:\.\d+)?)e([+-]?\d{1,3})$/i;
/** "70B", "$3.5M", "15K": a single scale letter, which an article's text would leave ambiguous. */
const LETTER_SCALE = /^(\S*?\d(?:[\d,]*\d)?(?:\.\d+)?)\s*([kmb])$/i;
const LETTER_WORDS: Record<string, string> = { k: 'thousand', m: 'million', b: 'billion' };

/** Reads the line of an above/below alert. */
export function readAlertValue(raw: string): Read<AlertLine> {
  const text = raw.trim().replace(/[.!]+$/, '');
  const bad: Read<AlertLine> = { ok: false, problem: `"${raw.trim()}" is not a value I can read; write it like ${VALUE_EXAMPLES}` };
  if (text === '') return { ok: false, problem: `the value is missing; write it like ${VALUE_EXAMPLES}` };
  const sci = SCIENTIFIC.exec(text);
  if (sci) {
    const value = Number(text);
    return Number.isFinite(value) && value >= 0 ? { ok: true, value: { threshold: value, unit: null } } : bad;
  }
  const letter = LETTER_SCALE.exec(text);
  const words = letter ? `${letter[1]} ${LETTER_WORDS[letter[2]!.toLowerCase()]}` : text;
  const read = readNumber(words, 0);
  if (!read || read.end !== words.length) return bad;
  if (read.valueMax !== null) return { ok: false, problem: `"${raw.trim()}" is a range; give one value, like ${VALUE_EXAMPLES}` };
  if (read.unit === 'ordinal') return { ok: false, problem: `"${raw.trim()}" is an ordinal; give an amount or a count, like ${VALUE_EXAMPLES}` };
  return { ok: true, value: { threshold: read.value, unit: read.unit === 'count' ? null : read.unit } };
}

/** Reads a condition word and, for above/below, its value. */
export function readAlertRule(condition: string, value: string | undefined, example = ADD_EXAMPLE): Read<AlertRule> {
  const word = condition.trim().toLowerCase();
  if (!ALERT_CONDITIONS.includes(word as AlertCondition)) {
    return { ok: false, problem: `"${condition.trim()}" is not a condition; use above, below or changes, e.g. ${example}` };
  }
  const c = word as AlertCondition;
  const given = value?.trim() ?? '';
  if (c === 'changes') {
    if (given !== '') return { ok: false, problem: `a "changes" alert takes no value (got "${given}"); use above or below for a line, e.g. ${example}` };
    return { ok: true, value: { condition: c, threshold: null, unit: null } };
  }
  if (given === '') return { ok: false, problem: `"${c}" needs a value, e.g. ${example}` };
  const line = readAlertValue(given);
  if (!line.ok) return { ok: false, problem: `${line.problem}, e.g. ${example}` };
  return { ok: true, value: { condition: c, ...line.value } };
}

export interface AlertWords {
  measure: string;
  condition: string;
  value?: string;
}

const QUOTED = /^["“”'‘’](.*)["“”'‘’]$/s;

/**
 * Splits one line of words ("US aid to Ukraine above 70bn", "drones launched changes") into the
 * measure and the rule: the last "above"/"below" starts the rule, so a measure may hold the word itself.
 */
export function splitAlertWords(text: string): Read<AlertWords> {
  const input = text.trim();
  const unquote = (s: string) => s.trim().replace(QUOTED, '$1').trim();
  const changes = /^(.*\S)\s+changes$/is.exec(input);
  if (changes) return { ok: true, value: { measure: unquote(changes[1]!), condition: 'changes' } };
  const line = /^(.*\S)\s+(above|below)\s+(\S.*)$/is.exec(input);
  if (line && unquote(line[1]!) !== '') return { ok: true, value: { measure: unquote(line[1]!), condition: line[2]!.toLowerCase(), value: line[3]!.trim() } };
  return { ok: false, problem: `say what to watch, then above or below a value, or changes, e.g. ${ADD_EXAMPLE} or /alert add drones launched changes` };
}

/** "above $70 billion", "below 700", "changes". */
export function describeRule(rule: AlertRule): string {
  if (rule.condition === 'changes' || rule.threshold === null) return 'changes';
  return `${rule.condition} ${formatValue(rule.threshold, rule.unit ?? 'count')}`;
}
