/** What the `feeds` commands and `ingest` share: option collecting, the runtime they open, words for followers. */
import type { Follow } from '../ingest/follows.js';
import { createLogger } from '../observability/logger.js';
import { openRuntime, type Runtime } from '../runtime.js';

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The zone a person at this terminal reads times in. */
export function localZone(): string {
  return process.env.TZ?.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The command prints its own report; info logs would only repeat it (LOG_LEVEL wins). */
export const openQuietRuntime = (): Promise<Runtime> => openRuntime(process.env.LOG_LEVEL ? {} : { logger: createLogger({ level: 'warn' }) });

/** "console:console (topics ukraine-aid, ukraine-war), slack:C1 (directly)", or "no channel". */
export function followersText(followers: Follow[]): string {
  if (followers.length === 0) return 'no channel';
  const byChannel = new Map<string, { direct: boolean; topics: string[] }>();
  for (const f of followers) {
    const entry = byChannel.get(f.channelKey) ?? { direct: false, topics: [] };
    if (f.topic) entry.topics.push(f.topic);
    else entry.direct = true;
    byChannel.set(f.channelKey, entry);
  }
  return [...byChannel]
    .map(([key, e]) => `${key} (${[...(e.direct ? ['directly'] : []), ...(e.topics.length > 0 ? [`${e.topics.length === 1 ? 'topic' : 'topics'} ${e.topics.join(', ')}`] : [])].join(' and ')})`)
    .join(', ');
}
