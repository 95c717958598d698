/**
 * Producing a digest for one (channel, slot): collect the articles of the period, build the digest
 * model, render it for the channel's platform and record it in the outbox. Recording is idempotent
 * on (channel, slot), so any number of replicas may produce the same slot: one record results, and
 * delivery (deliverDigests) is what posts it, exactly once.
 */
import { timeInWords } from '../time/timeWords.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../observability/logger.js';
import type { ChannelRecord, DigestRecord, Store } from '../store/store.js';
import type { ChatSender } from '../delivery/sender.js';
import type { Digest } from '../digest/digest.js';
import { collectDigestInput } from '../digest/collectDigestInput.js';
import { buildDigest } from '../digest/buildDigest.js';
import { slotKey } from './slots.js';
import { channelKeyFor } from './syncConfigChannels.js';
import { headlineChart } from '../charts/headlineChart.js';
import { toChartMessage } from '../delivery/chartMessage.js';

export interface DigestPeriod {
  /** Exclusive (ISO). */
  periodStart: string;
  /** Inclusive (ISO): the slot itself, so every replica producing the slot selects the same articles. */
  periodEnd: string;
}

/**
 * The period a digest for `slot` covers: from the end of the channel's last digest (whatever became
 * of it), or for a channel's first digest `firstLookbackHours` back, to the slot. Articles stored
 * while a slot produced nothing stay in the next period, so an empty slot loses nothing.
 */
export function digestPeriod(last: Pick<DigestRecord, 'periodEnd'> | null, slotIso: string, config: Pick<Config, 'digest'>, periodEnd: string = slotIso): DigestPeriod {
  const lookbackStart = new Date(Date.parse(slotIso) - config.digest.firstLookbackHours * 3_600_000).toISOString();
  const periodStart = last ? last.periodEnd : lookbackStart;
  return { periodStart, periodEnd };
}

/** Nothing to tell: no article and no figure in the period. */
export const isEmptyDigest = (digest: Digest): boolean => digest.articleCount === 0 && digest.omittedCount === 0 && digest.figures.length === 0;

/** The articles a digest shows, in reading order, once each. */
export function digestArticleIds(digest: Digest): number[] {
  const ids = new Set<number>();
  for (const section of digest.sections) for (const item of section.items) ids.add(item.articleId);
  return [...ids];
}

export interface ComposeDeps {
  store: Store;
  config: Config;
}

/** Collects and builds the digest of a period (reads only; nothing is recorded). */
export async function composeDigest(deps: ComposeDeps, channel: ChannelRecord, period: DigestPeriod): Promise<Digest> {
  const input = await collectDigestInput(deps.store, deps.config, channel, period.periodStart, period.periodEnd);
  return buildDigest(input);
}

export interface ProduceDeps extends ComposeDeps {
  logger: Logger;
  /** The sender of the channel's platform: its render() gives the payload exactly as it will be posted. */
  sender: ChatSender;
  /**
   * Called right after the digest is recorded and before anything is posted. Tests use it to kill
   * the process in exactly that window; nothing in production needs it.
   */
  afterRecord?: (digest: DigestRecord) => void | Promise<void>;
}

export type ProduceOutcome =
  /** Recorded now; pending delivery. */
  | { kind: 'recorded'; digest: DigestRecord; articleCount: number }
  /** This slot was already recorded (by this or another replica): nothing new was recorded. */
  | { kind: 'existing'; digest: DigestRecord }
  /** A digest for a later slot exists; producing an earlier one would cover a period already told. */
  | { kind: 'superseded'; digest: DigestRecord }
  /** Nothing new and the channel does not post empty digests: nothing recorded. */
  | ({ kind: 'empty' } & DigestPeriod);

/**
 * `until`: where the period ends when not at the slot itself. A digest asked for now (/digest now)
 * is keyed by the current minute but covers articles up to this instant, so one stored seconds ago
 * is in it.
 */
export async function produceDigest(deps: ProduceDeps, channel: ChannelRecord, slot: Date, now: Date, until?: Date): Promise<ProduceOutcome> {
  const { store, logger } = deps;
  const slotIso = slotKey(slot);
  const last = await store.lastDigest(channel.key);
  if (last && last.slot === slotIso) return { kind: 'existing', digest: last };
  if (last && Date.parse(last.slot) > Date.parse(slotIso)) return { kind: 'superseded', digest: last };

  const period = digestPeriod(last, slotIso, deps.config, until?.toISOString());
  const digest = await composeDigest(deps, channel, period);
  if (isEmptyDigest(digest) && !channel.postWhenEmpty) {
    logger.debug({ channel: channel.key, slot: slotIso, ...period }, 'nothing new: no digest for this slot');
    return { kind: 'empty', ...period };
  }

  const payload = [...deps.sender.render(digest), ...(await digestChartMessages(deps, channel, digest))];
  const { digest: record, created } = await store.recordDigest(
    { channelKey: channel.key, slot: slotIso, payload, articleIds: digestArticleIds(digest), ...period },
    now.toISOString(),
  );
  if (!created) return { kind: 'existing', digest: record };
  logger.info(
    { channel: channel.key, slot: slotIso, digestId: record.id, articles: digest.articleCount, messages: payload.length },
    `digest recorded for ${channel.key} (slot ${timeInWords(slotIso, channel.timezone, now)})`,
  );
  await deps.afterRecord?.(record);
  return { kind: 'recorded', digest: record, articleCount: digest.articleCount };
}

/** Whether the channel opted in (config channels[].digest.chart) to a chart of its headline total. */
export function wantsDigestChart(config: Pick<Config, 'channels'>, channelKey: string): boolean {
  return config.channels.some((c) => channelKeyFor(c) === channelKey && c.digest?.chart === true);
}

/**
 * The chart message that goes last in an opted-in channel's digest, when its headline running total
 * changed. Drawing is an extra: if it fails, the digest goes out without it (and the log says why).
 */
async function digestChartMessages(deps: ProduceDeps, channel: ChannelRecord, digest: Digest): Promise<unknown[]> {
  if (!wantsDigestChart(deps.config, channel.key)) return [];
  try {
    const chart = await headlineChart(deps.store, deps.config, digest);
    return chart ? [toChartMessage(chart)] : [];
  } catch (err) {
    deps.logger.warn({ err, channel: channel.key }, 'could not draw the digest chart: the digest goes out without it');
    return [];
  }
}
