/**
 * Runs one command from the shared table, whatever platform it came from. Arguments are checked
 * before anything changes; admin subcommands are refused (ephemeral, naming the permission) unless
 * the adapter found the user to be an admin.
 */
import type { Config } from '../config/schema.js';
import type { Logger } from '../observability/logger.js';
import type { ChannelRecord, Store } from '../store/store.js';
import type { Answer } from '../answers/answer.js';
import type { Choice, Invocation, OptionSpec, Reply, SuggestionKind } from './command.js';
import { findCommand } from './table.js';
import { validateOption } from './validateOption.js';
import { channelKeyOf, ensureChannel } from './channels.js';
import { describeStatus, describeSubscriptions } from './describeChannel.js';
import { scheduleInWords } from '../time/timeWords.js';
import { readFollows } from '../ingest/follows.js';
import { topicIdOf as findTopicId } from '../ingest/manageFeeds.js';
import { alertAddCommand, alertListCommand, alertRemoveCommand } from '../alerts/alertCommands.js';

export interface CommandDeps {
  store: Store;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** Answers a question from the stored figures (src/answers), its days read in `timezone` (the channel's). */
  answer: (question: string, timezone: string) => Promise<Answer>;
  /** Suggestions for what the user has typed so far (src/answers/suggest.ts). */
  suggest: (kind: SuggestionKind, typed: string) => Promise<Choice[]>;
  /** The latest value of each tracked measure, as reply text (src/answers), days read in `timezone`. */
  figuresText: (topic: string | null, timezone: string) => Promise<string>;
  /** A chart of one measure (src/charts): the image with its text fallback, or why there is none. */
  chart: (measure: string, platform: Invocation['platform'], timezone: string) => Promise<Reply>;
  /** Builds, records and delivers a digest for the channel now; resolves with a line for the user. */
  postDigestNow: (channel: ChannelRecord) => Promise<string>;
  /** Why a feed URL from chat may not be followed (scheme, resolved address, ...), or null. */
  checkFeedUrl: (url: string) => Promise<string | null>;
  /**
   * Fetches a URL from chat (under the same address checks) and says which feed it is: the URL
   * itself, or the feed a web page names in its <link rel="alternate">; or why it cannot be followed.
   */
  lookUpFeed: (url: string) => Promise<{ ok: true; url: string; discoveredFrom: string | null; title: string | null } | { ok: false; reason: string }>;
  /** Called after a channel's schedule or subscriptions changed, so the scheduler reloads it. */
  onChannelChanged: (channelKey: string) => void;
}

export type CommandRunner = (invocation: Invocation) => Promise<Reply>;

const ADMIN_REQUIREMENT: Record<Invocation['platform'], string> = {
  discord: 'the Manage Server permission (MANAGE_GUILD)',
  slack: 'a workspace admin or owner (or a user listed in slack.adminUserIds)',
  console: 'console access',
};

const ephemeral = (text: string): Reply => ({ text, ephemeral: true });

export function createCommandRunner(deps: CommandDeps): CommandRunner {
  return (invocation) => handleCommand(invocation, deps);
}

export async function handleCommand(inv: Invocation, deps: CommandDeps): Promise<Reply> {
  const spec = findCommand(inv.command);
  if (!spec) return ephemeral(`Unknown command /${inv.command}.`);
  const sub = spec.subcommands.length > 0 ? spec.subcommands.find((s) => s.name === inv.subcommand) : undefined;
  if (spec.subcommands.length > 0 && !sub) {
    const names = spec.subcommands.map((s) => s.name).join(', ');
    return ephemeral(`/${spec.name} needs a subcommand: ${names}.`);
  }
  const admin = sub ? sub.admin : spec.admin;
  const usage = `/${spec.name}${sub ? ` ${sub.name}` : ''}`;
  if (admin && !inv.isAdmin) {
    return ephemeral(`Sorry, ${usage} changes this channel's setup and needs ${ADMIN_REQUIREMENT[inv.platform]}. Nothing was changed.`);
  }

  const options: OptionSpec[] = sub ? sub.options : spec.options;
  // Autocomplete: suggestions for the option being typed; nothing runs.
  if (inv.focused !== undefined) {
    const option = options.find((o) => o.name === inv.focused);
    const choices = option?.suggest ? await deps.suggest(option.suggest, inv.args[option.name] ?? '') : [];
    return { text: '', ephemeral: true, choices };
  }
  const args: Record<string, string> = {};
  for (const option of options) {
    const raw = inv.args[option.name]?.trim() ?? '';
    if (raw === '') {
      // "/ask" with nothing after it: what one can ask, privately.
      if (option.examplesWhenEmpty) return ephemeral((await deps.answer('', await channelZone(channelKeyOf(inv), deps))).text);
      if (option.required) return ephemeral(`${usage} needs ${option.name}: ${option.description}. Nothing was changed.`);
      continue;
    }
    const problem = validateOption(option, raw);
    if (problem) return ephemeral(`${problem}. Nothing was changed.`);
    args[option.name] = raw;
  }

  const key = channelKeyOf(inv);
  switch (sub ? `${spec.name} ${sub.name}` : spec.name) {
    case 'ask': {
      const answer = await deps.answer(args.question!, await channelZone(key, deps));
      // No figure: the reply (what is held, a question that works) is for the asker only.
      return { text: answer.text, ephemeral: answer.figure === null, answer };
    }
    case 'figures':
      if (args.chart !== undefined) {
        if (args.topic !== undefined) return ephemeral('/figures takes a topic or a chart, not both. Nothing was shown.');
        return deps.chart(args.chart, inv.platform, await channelZone(key, deps));
      }
      return { text: await deps.figuresText(args.topic ?? null, await channelZone(key, deps)), ephemeral: false };
    case 'digest now': {
      const channel = await ensureChannel(deps.store, deps.config, inv);
      return { text: await deps.postDigestNow(channel), ephemeral: true };
    }
    case 'digest subscribe':
      return subscribe(inv, args.target!, deps);
    case 'digest unsubscribe':
      return unsubscribe(key, args.target!, deps);
    case 'digest schedule': {
      const channel = await ensureChannel(deps.store, deps.config, inv);
      const timezone = args.timezone ?? channel.timezone;
      const updated = await deps.store.upsertChannel({ ...channel, schedule: args.cron!, timezone });
      deps.onChannelChanged(key);
      return ephemeral(`Digest schedule set to ${scheduleInWords(updated.schedule, updated.timezone)}. ${await describeStatus(deps.store, updated, deps.now())}`);
    }
    case 'digest feeds':
      return ephemeral(await describeSubscriptions(deps.store, deps.config, key, deps.now(), await channelZone(key, deps)));
    case 'digest status': {
      const channel = await deps.store.getChannel(key);
      if (!channel) return ephemeral('This channel has no digest yet. An admin can start one with /digest subscribe.');
      return ephemeral(await describeStatus(deps.store, channel, deps.now()));
    }
    case 'alert add':
      return ephemeral(await alertAddCommand(deps, await ensureChannel(deps.store, deps.config, inv), args));
    case 'alert list':
      return ephemeral(await alertListCommand(deps, key));
    case 'alert remove':
      return ephemeral(await alertRemoveCommand(deps, key, args.id!));
    default:
      return ephemeral(`${usage} is not available.`);
  }
}

/** The zone this channel reads times in: its own, else the configured default. */
async function channelZone(key: string, deps: CommandDeps): Promise<string> {
  return (await deps.store.getChannel(key))?.timezone ?? deps.config.digest.timezone;
}

const isUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

const topicIdOf = (target: string, config: Config): string => findTopicId(config, target) ?? target.trim().toLowerCase();

/** Unsubscribes; a feed that no channel follows any more stops being polled, and the reply says so. */
async function unsubscribe(key: string, target: string, deps: CommandDeps): Promise<Reply> {
  const kind = isUrl(target) ? 'feed' : 'topic';
  const value = kind === 'topic' ? topicIdOf(target, deps.config) : target;
  const before = kind === 'feed' ? [value] : (await readFollows(deps.store, deps.config)).feedsOfTopic(value);
  const removed = await deps.store.removeSubscription(key, kind, value);
  if (!removed) return ephemeral(`This channel was not subscribed to ${target}; nothing changed.`);
  deps.onChannelChanged(key);
  const follows = await readFollows(deps.store, deps.config);
  const orphaned = before.filter((url) => follows.followersOf(url).length === 0);
  const polling = orphaned.length === 0 ? '' : ` No channel follows ${orphaned.length === 1 ? orphaned[0] : `these feeds: ${orphaned.join(', ')}`} any more, so ${orphaned.length === 1 ? 'it is' : 'they are'} no longer polled (articles already stored are kept).`;
  return ephemeral(`Unsubscribed this channel from ${target}.${polling}`);
}

async function subscribe(inv: Invocation, target: string, deps: CommandDeps): Promise<Reply> {
  const key = channelKeyOf(inv);
  if (isUrl(target)) {
    const problem = await deps.checkFeedUrl(target);
    if (problem) return ephemeral(`Cannot subscribe to ${target}: ${problem}. Nothing was changed.`);
    const found = await deps.lookUpFeed(target);
    if (!found.ok) return ephemeral(`Cannot subscribe to ${target}: ${found.reason}. Nothing was changed.`);
    const url = found.url;
    await ensureChannel(deps.store, deps.config, inv);
    const existing = await deps.store.getFeed(url);
    if (!existing) await deps.store.upsertFeed({ url, title: found.title, trusted: false });
    const added = await deps.store.addSubscription(key, 'feed', url);
    if (added) deps.onChannelChanged(key);
    const via = found.discoveredFrom ? `${target} is a web page; it names the feed ${url}${found.title ? ` (${found.title})` : ''}. ` : '';
    return ephemeral(added ? `${via}Subscribed this channel to the feed ${url}. Its newest items will appear in the next digest.` : `${via}This channel is already subscribed to ${url}.`);
  }
  const topicId = topicIdOf(target, deps.config);
  const topic = deps.config.topics.find((t) => t.id === topicId);
  if (!topic) return ephemeral(`There is no topic "${target}". Topics: ${deps.config.topics.map((t) => t.id).join(', ') || 'none configured'}. Nothing was changed.`);
  await ensureChannel(deps.store, deps.config, inv);
  const added = await deps.store.addSubscription(key, 'topic', topic.id);
  if (added) deps.onChannelChanged(key);
  return ephemeral(added ? `Subscribed this channel to ${topic.name} (${topic.id}).` : `This channel is already subscribed to ${topic.name}.`);
}
