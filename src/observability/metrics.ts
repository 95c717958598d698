/** Prometheus metrics (prom-client), served at GET /metrics. One registry per process. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { findCommand } from '../commands/table.js';

export const registry = new Registry();
// prom-client's default names already start with process_ or nodejs_: the prefix is ours alone.
collectDefaultMetrics({ register: registry, prefix: 'newsdigest_' });

export const metrics = {
  articlesIngested: new Counter({ name: 'newsdigest_articles_ingested_total', help: 'Articles stored for the first time', registers: [registry] }),
  figuresExtracted: new Counter({ name: 'newsdigest_figures_extracted_total', help: 'Key figures extracted from stored articles', registers: [registry] }),
  feedFetchSeconds: new Histogram({
    name: 'newsdigest_feed_fetch_seconds',
    help: 'Feed fetch latency by outcome (ok, not_modified, failed)',
    labelNames: ['status'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  }),
  feedFetchFailures: new Counter({ name: 'newsdigest_feed_fetch_failures_total', help: 'Feed fetches that failed', registers: [registry] }),
  digestsSent: new Counter({ name: 'newsdigest_digests_sent_total', help: 'Digests delivered', labelNames: ['platform'] as const, registers: [registry] }),
  digestsFailed: new Counter({ name: 'newsdigest_digests_failed_total', help: 'Digest delivery attempts that failed', labelNames: ['platform'] as const, registers: [registry] }),
  commandSeconds: new Histogram({
    name: 'newsdigest_command_seconds',
    help: 'Chat command handling latency',
    labelNames: ['platform', 'command'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3],
    registers: [registry],
  }),
};

/**
 * Records one chat command's latency. The command label is a name from the command table or
 * "unknown": a label per name anyone can type would grow the metrics without bound.
 */
export function observeCommand(platform: 'discord' | 'slack', command: string, seconds: number): void {
  metrics.commandSeconds.observe({ platform, command: findCommand(command) ? command : 'unknown' }, seconds);
}
