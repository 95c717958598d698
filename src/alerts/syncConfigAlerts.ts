/**
 * Alerts declared in config (`channels[].alerts`) are written to the store at start-up, after the
 * channels, each starting from where its series stands then (so a restart never fires an old
 * value). Config alerts no longer declared are removed; alerts added from chat or the CLI are
 * never touched.
 */
import type { Config } from '../config/schema.js';
import { channelKeyFor } from '../schedule/syncConfigChannels.js';
import { alertRuleKey } from '../store/inputChecks.js';
import type { Store } from '../store/store.js';
import { readAlertRule } from './alertRule.js';
import { baselineOf } from './decide.js';
import { seriesLatest } from './seriesLatest.js';

export interface SyncConfigAlertsResult {
  added: number[];
  removed: number[];
}

export async function syncConfigAlerts(store: Store, config: Config, now: Date = new Date()): Promise<SyncConfigAlertsResult> {
  const result: SyncConfigAlertsResult = { added: [], removed: [] };
  const declared = new Set<string>();
  for (const entry of config.channels) {
    const channelKey = channelKeyFor(entry);
    for (const a of entry.alerts) {
      const rule = readAlertRule(a.when, a.value === undefined ? undefined : String(a.value));
      // The schema checked it; a rule that does not read here is a bug, not a config error.
      if (!rule.ok) throw new Error(`config alert for ${channelKey}: ${rule.problem}`);
      const input = { channelKey, measure: a.measure, ...rule.value };
      const key = `${channelKey}\u0000${alertRuleKey(input)}`;
      if (declared.has(key)) continue;
      declared.add(key);
      const existing = (await store.listAlerts(channelKey)).find((x) => alertRuleKey(x) === alertRuleKey(input));
      if (existing) continue;
      const series = await seriesLatest(a.measure, { store, config }, now.toISOString().slice(0, 10));
      const latest = series.kind === 'found' ? { figureId: series.figure.id, value: series.figure.value, unit: series.figure.unit, published: series.figure.published } : null;
      const { alert, created } = await store.addAlert({ ...input, origin: 'config', ...baselineOf(rule.value, latest) }, now.toISOString());
      if (created) result.added.push(alert.id);
    }
  }
  for (const alert of await store.listAlerts()) {
    if (alert.origin === 'config' && !declared.has(`${alert.channelKey}\u0000${alertRuleKey(alert)}`) && (await store.removeAlert(alert.id))) result.removed.push(alert.id);
  }
  return result;
}
