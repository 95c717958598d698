/** A channel's alerts in words, for /alert list and `newsdigest alerts list`. */
import { formatFigure } from '../figures/formatFigure.js';
import type { Qualifier } from '../figures/figure.js';
import { dayInWords, timeInWords } from '../time/timeWords.js';
import type { AlertFiringRecord, AlertRecord, Store } from '../store/store.js';
import { describeRule } from './alertRule.js';
import { stateInWords } from './addAlert.js';

const DELIVERY: Record<AlertFiringRecord['status'], string> = { pending: 'being posted', sent: 'posted', failed: 'could not be posted' };

/** "3: US aid above $70 billion — not above $70 billion (latest $66.5 billion, 14 Oct 2024); fired twice, last tomorrow 08:00 UTC (posted)". */
export function alertLine(alert: AlertRecord, firings: AlertFiringRecord[], timezone: string, now: Date): string {
  const latest = alert.lastValue === null || alert.lastPublished === null ? '' : ` (latest ${formatValueOf(alert)}, ${dayInWords(alert.lastPublished, timezone)})`;
  const origin = alert.origin === 'config' ? ' [from config]' : '';
  const last = firings[0];
  const fired = last ? `fired ${firings.length === 1 ? 'once' : `${firings.length} times`}, last ${timeInWords(last.firedAt, timezone, now)} (${DELIVERY[last.status]})` : 'not fired yet';
  return `${alert.id}: ${alert.measure} ${describeRule(alert)}${origin}: ${stateInWords(alert)}${latest}; ${fired}`;
}

function formatValueOf(alert: AlertRecord): string {
  return formatFigure({ value: alert.lastValue!, value_max: null, unit: alert.lastUnit ?? 'count', qualifier: 'exact' as Qualifier });
}

/** Firings read per alert for a listing. */
export const FIRINGS_LISTED = 20;

export async function describeAlerts(store: Store, channelKey: string, timezone: string, now: Date): Promise<string> {
  const alerts = await store.listAlerts(channelKey);
  if (alerts.length === 0) return 'This channel has no alerts. Add one with /alert add, e.g. /alert add US aid to Ukraine above 70bn.';
  const lines = await Promise.all(alerts.map(async (a) => `• ${alertLine(a, await store.listAlertFirings(a.id, FIRINGS_LISTED), timezone, now)}`));
  return `Alerts in this channel:\n${lines.join('\n')}\nRemove one with /alert remove and its number, e.g. /alert remove ${alerts[0]!.id}.`;
}
