/**
 * "A digest now" (the /digest now command and `newsdigest digest`): produce a digest for the current
 * minute and deliver it through the outbox like any scheduled one, then say in one line what happened.
 */
import type { ChannelRecord } from '../store/store.js';
import { deliverPendingDigests, type DeliverDeps, type DeliveryResult } from './deliverDigests.js';
import { explainEmptyDigest, type Audience } from './explainEmpty.js';
import { produceDigest, type ProduceDeps } from './produceDigest.js';

export type PostNowDeps = Omit<ProduceDeps, 'sender'> & DeliverDeps & {
  /** Who reads the reply: its advice names CLI commands or chat commands (default chat). */
  audience?: Audience;
};

export interface PostNowResult {
  /** One line for the user. */
  text: string;
  digestId: number | null;
  /** What became of the digest: 'sent', 'pending', 'failed', or 'empty' when nothing was recorded. */
  status: 'sent' | 'pending' | 'failed' | 'empty' | 'no-sender';
  delivery: DeliveryResult[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What to tell a user when this process has no sender for the channel's platform. */
export function missingSenderText(channel: Pick<ChannelRecord, 'platform' | 'key'>): string {
  const how: Record<ChannelRecord['platform'], string> = {
    discord: 'set DISCORD_TOKEN and DISCORD_APPLICATION_ID',
    slack: 'set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN',
    console: 'the console is only served when no chat credentials are set',
  };
  return `Cannot post to ${channel.key}: this process has no ${channel.platform} connection (${how[channel.platform]}). Nothing was recorded.`;
}

export async function postDigestNow(deps: PostNowDeps, channel: ChannelRecord): Promise<PostNowResult> {
  const sender = deps.senders.get(channel.platform);
  if (!sender) return { text: missingSenderText(channel), digestId: null, status: 'no-sender', delivery: [] };
  const now = deps.now();
  const produced = await produceDigest({ ...deps, sender }, channel, now, now, now);
  if (produced.kind === 'empty') {
    const why = await explainEmptyDigest(deps, channel, produced, now, deps.audience ?? 'chat');
    return { text: `${why}\nNo digest was posted.`, digestId: null, status: 'empty', delivery: [] };
  }
  if (produced.kind === 'superseded') {
    return { text: `A digest for a later time (${produced.digest.slot}) already exists for ${channel.key}; nothing was posted.`, digestId: produced.digest.id, status: produced.digest.status, delivery: [] };
  }

  if (produced.kind === 'existing' && produced.digest.status === 'sent') {
    const d = produced.digest;
    return { text: `A digest for this minute was already posted to ${channel.key} (${plural(d.articleIds.length, 'article')}); nothing more was posted.`, digestId: d.id, status: 'sent', delivery: [] };
  }
  const delivery = await deliverPendingDigests(deps);
  const digest = (await deps.store.getDigest(produced.digest.id)) ?? produced.digest;
  const articles = plural(digest.articleIds.length, 'article');
  const messages = plural(digest.payload.length, 'message');
  const again = produced.kind === 'existing' ? ' (already recorded for this minute)' : '';
  switch (digest.status) {
    case 'sent':
      return { text: `Posted a digest of ${articles} in ${messages} to ${channel.key}${again}.`, digestId: digest.id, status: 'sent', delivery };
    case 'failed':
      return { text: `The digest (${articles}) could not be posted to ${channel.key}: ${digest.lastError ?? 'unknown error'}. It will not be retried.`, digestId: digest.id, status: 'failed', delivery };
    default: {
      const mine = delivery.find((r) => r.digestId === digest.id);
      const why = digest.lastError ? ` Posting failed: ${digest.lastError}; next attempt ${digest.nextAttemptAt}.` : mine ? '' : ' Another worker is posting it.';
      return { text: `Recorded a digest of ${articles} for ${channel.key}${again}; ${digest.sentParts} of ${messages} out so far.${why}`, digestId: digest.id, status: 'pending', delivery };
    }
  }
}
