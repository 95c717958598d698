/** The real dependencies of the command handlers, built from a runtime. */
import type { Runtime } from '../runtime.js';
import type { CommandDeps } from '../commands/handleCommand.js';
import { answer } from '../answers/answer.js';
import { formatFiguresReply, latestFigures } from '../answers/latestFigures.js';
import { checkFeedUrl } from '../feeds/urlSafety.js';
import { lookUpFeed } from '../feeds/lookUpFeed.js';
import { chartReply } from '../charts/chartReply.js';
import { suggest } from '../answers/suggest.js';

export function buildCommandDeps(
  rt: Pick<Runtime, 'store' | 'config' | 'logger'>,
  hooks: Pick<CommandDeps, 'postDigestNow' | 'onChannelChanged'>,
): CommandDeps {
  const { store, config, logger } = rt;
  return {
    store,
    config,
    logger,
    now: () => new Date(),
    answer: (question, timezone) => answer(question, { store, config }, { timezone }),
    suggest: (kind, typed) => suggest(kind, typed, { store, config }),
    figuresText: async (topic, timezone) => formatFiguresReply(await latestFigures({ store, config }, topic ? { topic } : {}), timezone),
    chart: (measure, platform, timezone) => chartReply(measure, platform, { store, config }, timezone),
    checkFeedUrl: (url) => checkFeedUrl(url, { allowPrivate: config.ingest.allowPrivateAddresses }),
    lookUpFeed: async (url) => {
      const { ingest } = config;
      const found = await lookUpFeed(url, { timeoutMs: ingest.timeoutMs, maxBytes: ingest.maxBytes, maxRedirects: ingest.maxRedirects, policy: { allowPrivate: ingest.allowPrivateAddresses } });
      return found.ok ? { ok: true, url: found.url, discoveredFrom: found.discoveredFrom, title: found.title } : found;
    },
    ...hooks,
  };
}
