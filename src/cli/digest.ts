/**
 * `newsdigest digest [--channel ID] [--dry-run]`: one digest now. With --dry-run it prints what the
 * channel's next digest would hold (the articles since its last digest) and changes nothing;
 * otherwise it records the digest in the outbox and delivers it like a scheduled one: to the console,
 * or to Discord or Slack when that platform's credentials are set (else it says so and records nothing).
 */
import path from 'node:path';
import { hostname } from 'node:os';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { openRuntime } from '../runtime.js';
import type { Platform, Store } from '../store/store.js';
import type { Config, Env } from '../config/schema.js';
import type { Logger } from '../observability/logger.js';
import type { ChatSender } from '../delivery/sender.js';
import { ConsoleSender } from '../delivery/consoleSender.js';
import { renderText } from '../digest/render/text.js';
import { configChannelView } from '../schedule/configChannelView.js';
import { composeDigest, digestPeriod, isEmptyDigest } from '../schedule/produceDigest.js';
import { missingSenderText, postDigestNow } from '../schedule/postDigestNow.js';
import { explainEmptyDigest } from '../schedule/explainEmpty.js';
import { syncConfigChannels } from '../schedule/syncConfigChannels.js';

export const DEFAULT_CHANNEL = 'console:console';
const CHANNEL_KEY = /^(discord|slack|console):[^\s:]+$/;

export interface DigestCommandOptions {
  channel?: string;
  dryRun?: boolean;
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Where the digest and the outcome line go (default stdout). */
  out?: Writable;
  now?: () => Date;
  /** Senders to deliver with (default: the console only). */
  senders?: ReadonlyMap<Platform, ChatSender>;
}

/** Runs the command; resolves with the process exit code (0: done or nothing new; 1: not delivered). */
export async function runDigest(options: DigestCommandOptions = {}): Promise<number> {
  const key = options.channel?.trim() || DEFAULT_CHANNEL;
  if (!CHANNEL_KEY.test(key)) {
    throw new Error(`--channel: expected platform:id, e.g. console:console, discord:123456789012345678 or slack:C0123ABCD (got "${key}")`);
  }
  const out = options.out ?? process.stdout;
  const print = (text: string) => out.write(text.endsWith('\n') ? text : `${text}\n`);
  const now = options.now ?? (() => new Date());
  const rt = await openRuntime({ configDir: options.configDir, env: options.env });
  try {
    if (options.dryRun) return await dryRun(rt.store, rt.config, key, now(), print);

    await syncConfigChannels(rt.store, rt.config);
    const channel = await rt.store.getChannel(key);
    if (!channel) throw new Error(await unknownChannelText(rt.store, rt.config, key, now()));
    const senders = options.senders ?? (await sendersFor(channel.platform, rt.env, rt.logger, out));
    if (!senders.has(channel.platform)) {
      print(missingSenderText(channel));
      return 1;
    }
    const result = await postDigestNow(
      { store: rt.store, config: rt.config, logger: rt.logger, senders, owner: `cli:${hostname()}:${process.pid}`, now, audience: 'cli' },
      channel,
    );
    print(result.text);
    return result.status === 'sent' || result.status === 'empty' ? 0 : 1;
  } finally {
    await rt.close();
  }
}

/**
 * The console, plus the channel's chat platform when its credentials are set. Only that platform is
 * loaded (and checked): a digest for the console does not need Discord or Slack to be configured.
 */
export async function sendersFor(platform: Platform, env: Env, logger: Logger, out: Writable): Promise<Map<Platform, ChatSender>> {
  const senders = new Map<Platform, ChatSender>([['console', new ConsoleSender({ out, chartDir: path.join(env.DATA_DIR, 'charts') })]]);
  if (platform === 'discord') {
    const { discordSettings } = await import('../platforms/discord/settings.js');
    const settings = discordSettings(env);
    if (settings) {
      const { createDiscordRest } = await import('../platforms/discord/restClient.js');
      const { createDiscordSender } = await import('../platforms/discord/sender.js');
      senders.set('discord', createDiscordSender(createDiscordRest({ apiBase: settings.apiBase, token: settings.token })));
    }
  }
  if (platform === 'slack') {
    const { slackSettings } = await import('../platforms/slack/settings.js');
    const settings = slackSettings(env);
    if (settings) {
      const { createSlackPostingSender } = await import('../platforms/slack/postingSender.js');
      senders.set('slack', createSlackPostingSender(settings, logger));
    }
  }
  return senders;
}

async function dryRun(store: Store, config: Config, key: string, now: Date, print: (text: string) => void): Promise<number> {
  const view = configChannelView(store, config, now);
  const channel = await view.getChannel(key);
  if (!channel) throw new Error(await unknownChannelText(store, config, key, now));
  const period = digestPeriod(await store.lastDigest(key), now.toISOString(), config);
  const digest = await composeDigest({ store: view, config }, channel, period);
  if (isEmptyDigest(digest)) {
    print(await explainEmptyDigest({ store: view, config }, channel, period, now, 'cli'));
    print('(dry run: nothing was recorded or sent)');
    return 0;
  }
  print(renderText(digest));
  print(`(dry run: ${digest.articleCount} article${digest.articleCount === 1 ? '' : 's'} for ${key}; nothing was recorded or sent)`);
  return 0;
}

async function unknownChannelText(store: Store, config: Config, key: string, now: Date): Promise<string> {
  const known = (await configChannelView(store, config, now).listChannels()).map((c) => c.key);
  return `--channel: there is no channel ${key}; known channels: ${known.join(', ') || 'none'}. Declare it under channels: in config, or set it up from chat with /digest subscribe.`;
}

export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description('Build one digest now and deliver it through the outbox (or just print it with --dry-run)')
    .option('--channel <id>', `the channel, as platform:id (default ${DEFAULT_CHANNEL})`)
    .option('--dry-run', 'print the digest of the articles not yet digested; record and send nothing')
    .action(async (opts: { channel?: string; dryRun?: boolean }) => {
      const code = await runDigest({ channel: opts.channel, dryRun: opts.dryRun });
      if (code !== 0) process.exitCode = code;
    });
}
