/**
 * Looks at alerts when new figures are stored: each alert whose measure the new figures belong to
 * reads its series' latest value (seriesLatest) and decides (decide.ts). A crossing is recorded
 * with recordAlertFiring: the baseline moves, the firing and its rendered message enter the outbox,
 * all in one transaction guarded by the alert's version. Replicas evaluating the same alert at the
 * same moment therefore record one firing; the loser looks again at the new baseline. Delivery is
 * the digest outbox's (deliverDigests), with its leases, retries and crash recovery.
 */
import type { Config } from '../config/schema.js';
import type { Logger } from '../observability/logger.js';
import type { AlertFiringFigure, AlertFiringRecord, AlertPreviousValue, AlertRecord, ChannelRecord, Store, StoredFigure } from '../store/store.js';
import { alertMessage } from './alertMessage.js';
import { decide } from './decide.js';
import { renderAlert } from './render/renderAlert.js';
import { measureCategory, seriesLatest, type SeriesLatest } from './seriesLatest.js';

export interface EvaluateDeps {
  store: Store;
  config: Pick<Config, 'answers' | 'figures'>;
  logger: Logger;
  now: () => Date;
}

export interface EvaluateOptions {
  /** Only alerts on measures of these figure categories (the ones just stored); all when absent. */
  categories?: ReadonlySet<string>;
}

export interface FiredAlert {
  alert: AlertRecord;
  firing: AlertFiringRecord;
}

/** Looks taken at one alert whose version another evaluation keeps changing, before leaving it to that one. */
const MAX_LOOKS = 3;

export function firingFigure(f: StoredFigure): AlertFiringFigure {
  return {
    figureId: f.id, value: f.value, valueMax: f.value_max, unit: f.unit, qualifier: f.qualifier, category: f.category, actor: f.actor, cumulative: f.cumulative,
    since: f.since, published: f.published, quote: f.quote, sentence: f.sentence,
    article: { id: f.articleId, title: f.articleTitle, link: f.articleLink, source: f.sourceName },
  };
}

export function previousValue(f: StoredFigure | null): AlertPreviousValue | null {
  return f ? { value: f.value, valueMax: f.value_max, unit: f.unit, qualifier: f.qualifier, published: f.published, source: f.sourceName } : null;
}

export async function evaluateAlerts(deps: EvaluateDeps, options: EvaluateOptions = {}): Promise<FiredAlert[]> {
  const { store, config, logger } = deps;
  const alerts = await store.listAlerts();
  if (alerts.length === 0) return [];
  const asOf = deps.now().toISOString().slice(0, 10);
  // Several channels may watch the same words: their series is read once per evaluation.
  const series = new Map<string, Promise<SeriesLatest>>();
  const latest = (measure: string, fresh: boolean): Promise<SeriesLatest> => {
    const key = measure.trim().toLowerCase();
    if (fresh || !series.has(key)) series.set(key, seriesLatest(measure, { store, config }, asOf));
    return series.get(key)!;
  };
  const channels = new Map<string, Promise<ChannelRecord | null>>();
  const channelOf = (key: string): Promise<ChannelRecord | null> => {
    if (!channels.has(key)) channels.set(key, store.getChannel(key));
    return channels.get(key)!;
  };

  const fired: FiredAlert[] = [];
  for (const first of alerts) {
    if (options.categories) {
      const category = measureCategory(first.measure, config, asOf);
      if (category === null || !options.categories.has(category)) continue;
    }
    try {
      let alert: AlertRecord | null = first;
      for (let look = 0; alert && look < MAX_LOOKS; look++) {
        const s = await latest(alert.measure, look > 0);
        if (s.kind !== 'found') break;
        const f = s.figure;
        let decision = decide(alert, { figureId: f.id, value: f.value, unit: f.unit, published: f.published }, true);
        // A feed's backlog (stored as already seen) is not news: it only moves the baseline.
        if (decision.kind === 'fire' && (await store.getArticle(f.articleId))?.seeded !== false) decision = { kind: 'baseline', baseline: decision.baseline };
        if (decision.kind === 'none') break;
        const at = deps.now().toISOString();
        if (decision.kind === 'baseline') {
          if (await store.updateAlertBaseline(alert.id, alert.version, decision.baseline, at)) break;
        } else {
          const channel = await channelOf(alert.channelKey);
          if (!channel) break;
          const figure = firingFigure(f);
          const previous = previousValue(s.previous);
          const payload = renderAlert(channel.platform, alertMessage(alert, s.label, figure, previous, channel.timezone));
          const firing = await store.recordAlertFiring({ alertId: alert.id, expectedVersion: alert.version, baseline: decision.baseline, figure, previous, payload }, at);
          if (firing) {
            logger.info({ alertId: alert.id, channel: alert.channelKey, figureId: f.id, value: f.value, unit: f.unit, outboxId: firing.outboxId }, 'alert fired');
            fired.push({ alert, firing });
            break;
          }
        }
        // Another evaluation moved the alert meanwhile: look again from where it left it.
        alert = await store.getAlert(alert.id);
      }
    } catch (err) {
      logger.error({ err, alertId: first.id, channel: first.channelKey }, 'evaluating an alert failed; it is looked at again with the next figures');
    }
  }
  return fired;
}

/**
 * The hook ingestion calls with the figures it just stored: evaluates the alerts of their
 * categories, then `onFired` (serve delivers the outbox at once). Never throws: the articles are
 * stored whatever becomes of their alerts, and the next figures or a restart look again.
 */
export function alertsOnStored(deps: EvaluateDeps, onFired?: (fired: FiredAlert[]) => unknown): (figures: readonly StoredFigure[]) => Promise<void> {
  return async (figures) => {
    if (figures.length === 0) return;
    try {
      const fired = await evaluateAlerts(deps, { categories: new Set(figures.map((f) => f.category)) });
      if (fired.length > 0) await onFired?.(fired);
    } catch (err) {
      deps.logger.error({ err }, 'alert evaluation after ingest failed');
    }
  };
}
