/**
 * The chat transcript's world: the bot as `newsdigest serve` runs it (test/helpers/servedBot.ts),
 * against the fake Discord and the fake Slack, with a store holding a handful of reports written for
 * this test (several donors' running totals, a stalled package, drone counts on two nights, two US
 * series of different periods). `ask` puts one question on both platforms over their real wire
 * protocols (a signed Discord interaction over HTTP, a signed Slack slash command) and returns what
 * each fake received.
 */
import { DISCORD_CHANNEL, DISCORD_MEMBER, GUILD, SLACK_ADMIN, SLACK_CHANNEL, SLACK_MEMBER } from '../alerts/botWorld.js';
import { startFeedWorld } from '../alerts/world.js';
import { startServedBot, type ServedBot } from '../helpers/servedBot.js';
import type { Store } from '../../src/store/store.js';
import { addReport, type ReportSpec } from './reportStore.js';

/** Invented reports, in words written for this test. Days are well before any run of it. */
export const CHAT_REPORTS: ReportSpec[] = [
  {
    feed: 'Kyiv Ledger',
    title: "Berlin's running total for Kyiv passes €14 billion",
    published: '2026-03-02T10:00:00.000Z',
    link: 'https://ledger.example/berlin-total',
    figures: [{ value: 14.5e9, unit: 'EUR', category: 'aid', actor: 'Germany', cumulative: true, status: 'pledged', since: '2022-02', quote: '€14.5 billion', sentence: 'Germany has pledged €14.5 billion to Ukraine since February 2022, the finance ministry said on Monday.' }],
  },
  {
    feed: 'Kyiv Ledger',
    title: 'Paris tallies its support',
    published: '2026-03-04T10:00:00.000Z',
    link: 'https://ledger.example/paris-total',
    figures: [{ value: 6.2e9, unit: 'EUR', category: 'aid', actor: 'France', cumulative: true, status: 'pledged', since: '2022-02', quote: '€6.2 billion', sentence: 'France has pledged €6.2 billion to Kyiv since the invasion, officials in Paris said.' }],
  },
  {
    feed: 'Harbour Post',
    title: 'Stockholm keeps its promises',
    published: '2026-03-06T10:00:00.000Z',
    link: 'https://harbour.example/stockholm-total',
    figures: [{ value: 3.1e9, unit: 'EUR', category: 'aid', actor: 'Sweden', cumulative: true, status: 'pledged', quote: '€3.1 billion', sentence: 'Sweden has pledged €3.1 billion to Ukraine in total, the defence minister told reporters.' }],
  },
  {
    feed: 'Harbour Post',
    title: 'Swedish aid bill stuck in committee',
    published: '2026-03-20T10:00:00.000Z',
    link: 'https://harbour.example/stockholm-stalled',
    figures: [{ value: 4e9, unit: 'EUR', category: 'aid', actor: 'Sweden', cumulative: true, status: 'proposed', quote: '€4 billion', sentence: 'The government asked lawmakers to lift the total to €4 billion, but the bill has stalled in committee.' }],
  },
  {
    feed: 'Capitol Wire',
    title: 'Pentagon updates its Ukraine ledger',
    published: '2026-03-10T10:00:00.000Z',
    link: 'https://capitol.example/ledger-2022',
    figures: [{ value: 66.2e9, unit: 'USD', category: 'aid', actor: 'United States', cumulative: true, since: '2022-02', quote: '$66.2 billion', sentence: 'Washington has provided $66.2 billion in military aid to Ukraine since February 2022, the Pentagon said.' }],
  },
  {
    feed: 'Capitol Wire',
    title: 'A longer view of US support',
    published: '2026-03-12T10:00:00.000Z',
    link: 'https://capitol.example/ledger-2014',
    figures: [{ value: 69.8e9, unit: 'USD', category: 'aid', actor: 'United States', cumulative: true, since: '2014', quote: '$69.8 billion', sentence: 'Counting the training programmes begun after Crimea, US security assistance to Ukraine comes to $69.8 billion since 2014.' }],
  },
  {
    feed: 'Air Watch',
    title: 'Hundreds of drones over Ukraine overnight',
    published: '2026-04-14T06:00:00.000Z',
    link: 'https://airwatch.example/big-night',
    figures: [
      { value: 463, category: 'drones', actor: 'Russia', event: 'launched', quote: '463 drones', sentence: 'Russia launched 463 drones at Ukrainian cities overnight.' },
      { value: 431, category: 'drones', actor: 'Russia', event: 'shot_down', quote: '431 of them', sentence: 'Air defence crews shot down 431 of them before dawn.' },
    ],
  },
  {
    feed: 'Air Watch',
    title: 'A quieter night',
    published: '2026-04-16T06:00:00.000Z',
    link: 'https://airwatch.example/quiet-night',
    figures: [{ value: 212, category: 'drones', actor: 'Russia', event: 'launched', quote: '212 drones', sentence: 'Russia sent 212 drones towards Ukraine during the night.' }],
  },
];

/** What the fake Discord holds as the reply the asker sees. */
export interface DiscordSeen {
  content: string;
  embeds: Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>;
  ephemeral: boolean;
  flags: number;
}

/** What the fake Slack got back for the slash command (the ack, or the response_url post). */
export interface SlackSeen {
  response_type: string;
  text: string;
  blocks: unknown[];
}

export interface ChatWorld extends ServedBot {
  ask(question: string): Promise<{ discord: DiscordSeen; slack: SlackSeen }>;
}

export async function seedChatReports(store: Store, reports: ReportSpec[] = CHAT_REPORTS): Promise<void> {
  for (const report of reports) await addReport(store, report);
}

export async function startChatWorld(): Promise<ChatWorld> {
  // The poller needs a feed to follow: an empty one, so only the seeded reports are stored.
  const feed = await startFeedWorld();
  const bot = await startServedBot({
    tmpPrefix: 'newsdigest-chat-transcript-',
    guild: GUILD,
    discordChannel: DISCORD_CHANNEL,
    slackChannel: SLACK_CHANNEL,
    slackMember: SLACK_MEMBER,
    slackAdmin: SLACK_ADMIN,
    feedUrl: feed.url,
    beforeStart: (rt) => seedChatReports(rt.store),
  });
  return {
    ...bot,
    async ask(question) {
      const record = await bot.discord.invoke({ via: { http: bot.discordUrl }, guildId: GUILD, channelId: DISCORD_CHANNEL, user: DISCORD_MEMBER, command: 'ask', options: { question } });
      const seen = await bot.discord.visibleReply(record);
      const discord: DiscordSeen = { content: seen.content, embeds: seen.embeds as DiscordSeen['embeds'], ephemeral: seen.ephemeral, flags: seen.message.flags };

      const sent = await bot.slack.sendCommand(bot.slackUrl, { command: '/ask', text: question, userId: SLACK_MEMBER, channelId: SLACK_CHANNEL });
      let body: Record<string, unknown> | null = sent.ack;
      if (body === null) {
        // Acked silently: the answer comes through response_url.
        await bot.slack.waitFor(() => bot.slack.responsesTo(sent.responseUrlId).length > 0);
        body = bot.slack.responsesTo(sent.responseUrlId)[0]!.body as Record<string, unknown>;
      }
      const slack: SlackSeen = { response_type: String(body.response_type ?? 'ephemeral'), text: String(body.text ?? ''), blocks: Array.isArray(body.blocks) ? body.blocks : [] };
      return { discord, slack };
    },
    async close() {
      await bot.close();
      await feed.close();
    },
  };
}

/** The text a reader sees in a Discord message: backslash escapes of the markdown removed. */
export const discordVisible = (markdown: string): string => markdown.replace(/\\(.)/g, '$1');

/** The text a reader sees in a Slack message: &amp; &lt; &gt; read back. */
export const slackVisible = (text: string): string => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** Every text a Slack block carries (section text, fields, context elements), in order. */
export function blockTexts(blocks: unknown[]): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      for (const [k, v] of Object.entries(o)) if (k !== 'text' || typeof v !== 'string') walk(v);
    }
  };
  walk(blocks);
  return out;
}

/** One question as it appears on both platforms, exactly as each fake received it. */
export function transcriptEntry(n: number, question: string, seen: { discord: DiscordSeen; slack: SlackSeen }): string {
  const d = seen.discord;
  const lines = [`${n}. Q: ${question}`, '', `   Discord (flags ${d.flags}${d.ephemeral ? ', ephemeral: only the asker sees it' : ', in the channel'}):`];
  const indent = (s: string): string => s.split('\n').map((l) => `     ${l}`).join('\n');
  if (d.content) lines.push(indent(d.content));
  for (const e of d.embeds) {
    if (e.title) lines.push(indent(`[embed title] ${e.title}`));
    if (e.description) lines.push(indent(e.description));
    for (const f of e.fields ?? []) lines.push(indent(`[${f.name}] ${f.value}`));
  }
  const s = seen.slack;
  lines.push('', `   Slack (response_type ${s.response_type}):`);
  lines.push(indent(s.text));
  const blocks = blockTexts(s.blocks);
  if (blocks.length > 0) lines.push(indent(`[blocks]\n${blocks.join('\n')}`));
  return lines.join('\n');
}
