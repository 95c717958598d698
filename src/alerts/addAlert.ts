/**
 * Adding an alert, wherever it comes from (chat, the CLI, config): the words are read into a rule,
 * the measure must be one the answer rules know, and the alert starts from where its series stands
 * now, so an alert set while the value is already past its line does not fire until it crosses
 * again. The reply says what was set and where the series stands.
 */
import { formatFigure } from '../figures/formatFigure.js';
import { dayInWords } from '../time/timeWords.js';
import type { AlertOrigin, AlertRecord, ChannelRecord } from '../store/store.js';
import { ADD_EXAMPLE, readAlertRule, describeRule, type AlertWords } from './alertRule.js';
import { baselineOf } from './decide.js';
import { seriesLatest, type SeriesContext, type SeriesLatest } from './seriesLatest.js';

export type AddAlertResult = { ok: true; alert: AlertRecord; created: boolean; text: string } | { ok: false; text: string };

/** "more than $58 billion (VOA, 21 Oct 2024)". */
export function latestInWords(s: Extract<SeriesLatest, { kind: 'found' }>, timezone: string): string {
  const f = s.figure;
  return `${formatFigure(f)} (${[f.sourceName, dayInWords(f.published, timezone)].filter(Boolean).join(', ')})`;
}

/** Where the alert stands, in words: "above $70 billion already", "not above $70 billion yet". */
export function stateInWords(alert: Pick<AlertRecord, 'condition' | 'threshold' | 'unit' | 'state'>): string {
  const rule = describeRule(alert);
  if (alert.condition === 'changes') return alert.state === 'unknown' ? 'no value yet' : 'watching for a different value';
  if (alert.state === 'unknown') return 'no value yet';
  return alert.state === 'on' ? `${rule} now` : `not ${rule}`;
}

export async function addAlert(ctx: SeriesContext, channel: ChannelRecord, words: AlertWords, origin: AlertOrigin, now: Date): Promise<AddAlertResult> {
  const rule = readAlertRule(words.condition, words.value);
  if (!rule.ok) return { ok: false, text: `${capitalize(rule.problem)}. Nothing was changed.` };
  const series = await seriesLatest(words.measure, ctx, now.toISOString().slice(0, 10));
  if (series.kind === 'unknown') return { ok: false, text: `I can't tell which figure "${words.measure}" is, so no alert was set. ${series.text} For example: ${ADD_EXAMPLE}.` };
  const latest = series.kind === 'found' ? { figureId: series.figure.id, value: series.figure.value, unit: series.figure.unit, published: series.figure.published } : null;
  const { alert, created } = await ctx.store.addAlert({ channelKey: channel.key, measure: words.measure, ...rule.value, origin, ...baselineOf(rule.value, latest) }, now.toISOString());
  const ruleText = describeRule({ ...alert, unit: alert.unit ?? (series.kind === 'found' ? series.figure.unit : null) });
  if (!created) return { ok: true, alert, created, text: `This channel already has that alert (alert ${alert.id}: ${alert.measure} ${ruleText}); nothing was changed.` };

  const parts = [`Alert ${alert.id} set: this channel is told when ${series.label} ${alert.condition === 'changes' ? 'changes' : `goes ${ruleText}`}.`];
  if (series.kind === 'found') {
    parts.push(`Latest: ${latestInWords(series, channel.timezone)}.`);
    if (alert.state === 'unknown') parts.push(`That is in ${series.figure.unit}, another unit than ${ruleText}, so it is not compared.`);
    else if (alert.condition !== 'changes' && alert.state === 'on') parts.push(`That is ${ruleText} already, so the alert fires when it comes back and crosses again.`);
    if (series.acrossActors) parts.push('No actor is named, so it follows whichever actor has the largest total; name one (e.g. "US aid") to follow one.');
  } else {
    parts.push(`No figure of it is stored yet; the alert fires on the first one${alert.condition === 'changes' ? '' : ` ${ruleText}`}.`);
  }
  parts.push(`${origin === 'cli' ? 'newsdigest alerts remove' : '/alert remove'} ${alert.id} stops it.`);
  return { ok: true, alert, created, text: parts.join(' ') };
}

const capitalize = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
