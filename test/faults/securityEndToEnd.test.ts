/**
 * Nothing gets through the running bot (startApp's one HTTP server, both platforms over HTTP): a
 * replayed Slack request, a Discord request whose signature covers another body, an admin command
 * from someone who is not an admin, and feed text written to ping everyone or break the message.
 * The platform folders prove these at the adapter level; here they are proven end to end.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISCORD_ADMIN, DISCORD_CHANNEL, DISCORD_MEMBER, GUILD, SLACK_CHANNEL, SLACK_MEMBER, startRunningBot, storeSnapshot, type RunningBot } from './runningBot.js';

const HOSTILE_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>@everyone &amp;lt;!channel&amp;gt; **Wire** &lt;@123&gt;</title>
<link>https://wire.example/</link>
<description>A feed written to cause trouble.</description>
<item>
  <title>@everyone @here &amp;lt;!channel&amp;gt; &amp;lt;!here&amp;gt; &lt;@123&gt; &amp;lt;@U0ADMIN001&amp;gt; &lt;@&amp;456&gt; Hostile report one: the United States has provided $61 billion in aid</title>
  <link>https://wire.example/hostile-1</link>
  <guid>hostile-1</guid>
  <pubDate>Mon, 21 Oct 2024 10:00:00 GMT</pubDate>
  <description>@everyone &lt;!channel&gt; &lt;@123&gt; The United States has provided more than $61 billion in military aid to Ukraine to date.</description>
</item>
<item>
  <title>**Hostile** report two \`\`\`js fence\`\`\` [click me](https://evil.example/phish) &amp;lt;https://evil.example|click&amp;gt; _x_ ~y~ ||spoiler||</title>
  <link>https://wire.example/hostile-2</link>
  <guid>hostile-2</guid>
  <pubDate>Mon, 21 Oct 2024 11:00:00 GMT</pubDate>
  <description>\`\`\` Russia launched as many as 40 drones at Kharkiv overnight. [more](https://evil.example/more)</description>
</item>
</channel>
</rss>`;

// Feed text reaches us decoded: "&amp;lt;!channel&amp;gt;" is a title that reads "<!channel>" (a
// bare "<!channel>" would be taken for a tag and dropped at ingestion, which proves nothing here).
let bot: RunningBot;

beforeEach(async () => {
  bot = await startRunningBot(HOSTILE_FEED);
});

afterEach(async () => {
  await bot.close();
});

/** Every string in a value (message content, embed fields, Block Kit texts), however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('security, end to end through the running bot', () => {
  it('a replayed Slack request (signed 6 minutes ago) is refused with 401 and nothing happens', async () => {
    const before = await storeSnapshot(bot.rt.store);
    const replay = await bot.slack.sendCommand(bot.slackUrl, { command: '/digest', text: 'now', userId: SLACK_MEMBER, channelId: SLACK_CHANNEL }, { timestampOffsetSec: -360 });

    expect(replay.status).toBe(401);
    expect(replay.ack).toBeNull();
    expect(bot.slack.posts).toEqual([]);
    expect(bot.slack.responsesTo(replay.responseUrlId)).toEqual([]);
    expect(await storeSnapshot(bot.rt.store)).toEqual(before);

    // The same request signed now is accepted: it was the age that was refused.
    const fresh = await bot.slack.sendCommand(bot.slackUrl, { command: '/digest', text: 'now', userId: SLACK_MEMBER, channelId: SLACK_CHANNEL });
    expect(fresh.status).toBe(200);
    await bot.slack.waitFor(() => bot.slack.responsesTo(fresh.responseUrlId).length > 0, 15_000);
  });

  it('a Discord request whose signature covers a different body is refused with 401 and nothing happens', async () => {
    const before = await storeSnapshot(bot.rt.store);
    const payload = bot.discord.buildInteraction({ via: { http: bot.discordUrl }, guildId: GUILD, channelId: DISCORD_CHANNEL, user: DISCORD_ADMIN, command: 'digest', subcommand: 'now' });
    const forged = await bot.discord.postSigned(bot.discordUrl, JSON.stringify(payload), 'other-body');

    expect(forged.status).toBe(401);
    expect(bot.discord.messages(DISCORD_CHANNEL)).toEqual([]);
    expect(await storeSnapshot(bot.rt.store)).toEqual(before);

    // Signed over its own body, the same command goes through.
    const genuine = await bot.discord.invoke({ via: { http: bot.discordUrl }, guildId: GUILD, channelId: DISCORD_CHANNEL, user: DISCORD_ADMIN, command: 'digest', subcommand: 'now' });
    expect((await bot.discord.visibleReply(genuine, 15_000)).content).toMatch(/^Posted a digest/);
  });

  it('an admin command from a Discord member without Manage Server is refused and the store is unchanged', async () => {
    // A server admin let this member see /digest (Integrations settings); the bot still checks.
    bot.discord.allowCommandFor(GUILD, 'digest', DISCORD_MEMBER.id);
    const before = await storeSnapshot(bot.rt.store);

    const record = await bot.discord.invoke({ via: { http: bot.discordUrl }, guildId: GUILD, channelId: DISCORD_CHANNEL, user: DISCORD_MEMBER, command: 'digest', subcommand: 'schedule', options: { cron: '0 9 * * *' } });
    const reply = await bot.discord.visibleReply(record);

    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/needs the Manage Server permission .*Nothing was changed/);
    expect(await storeSnapshot(bot.rt.store)).toEqual(before);
  });

  it('an admin command from a Slack member who is not an admin is refused and the store is unchanged', async () => {
    const before = await storeSnapshot(bot.rt.store);

    const result = await bot.slack.sendCommand(bot.slackUrl, { command: '/digest', text: 'schedule "0 9 * * *" UTC', userId: SLACK_MEMBER, channelId: SLACK_CHANNEL });

    expect(result.status).toBe(200);
    expect(result.ack).toMatchObject({ response_type: 'ephemeral' });
    expect(result.ack?.text).toMatch(/needs a workspace admin or owner.*Nothing was changed/);
    expect(await storeSnapshot(bot.rt.store)).toEqual(before);
  });

  it('feed text carrying @everyone, <!channel>, <@123> and breaking markup is posted inert to Discord', async () => {
    const record = await bot.discord.invoke({ via: { http: bot.discordUrl }, guildId: GUILD, channelId: DISCORD_CHANNEL, user: DISCORD_ADMIN, command: 'digest', subcommand: 'now' });
    expect((await bot.discord.visibleReply(record, 15_000)).content).toMatch(/^Posted a digest of 2 articles/);

    const messages = bot.discord.messages(DISCORD_CHANNEL);
    expect(messages.length).toBeGreaterThan(0);
    const texts = messages.flatMap((m) => strings([m.content, m.embeds]));
    // The hostile items are there, as text...
    expect(texts.some((t) => t.includes('Hostile report one'))).toBe(true);
    expect(texts.some((t) => t.includes('report two'))).toBe(true);
    expect(texts.some((t) => t.includes('@\u200beveryone'))).toBe(true);
    for (const m of messages) {
      // ...pinging no one (Discord's own reading of the message)...
      expect(m.pings).toEqual({ everyone: false, users: [], roles: [] });
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
    for (const t of texts) {
      // ...and not even shown as a mention, a code fence or a masked link to the attacker.
      expect(t).not.toMatch(/@(everyone|here)\b/);
      expect(t).not.toMatch(/<[@#!]/);
      expect(t).not.toContain('```');
      expect(t).not.toMatch(/(^|[^\\])\]\(https?:\/\/evil\.example/);
    }
  });

  it('feed text carrying @everyone, <!channel>, <@123> and breaking markup is posted inert to Slack', async () => {
    const result = await bot.slack.sendCommand(bot.slackUrl, { command: '/digest', text: 'now', userId: SLACK_MEMBER, channelId: SLACK_CHANNEL });
    expect(result.status).toBe(200);
    await bot.slack.waitFor(() => bot.slack.responsesTo(result.responseUrlId).length > 0, 15_000);
    expect(bot.slack.responsesTo(result.responseUrlId)[0]!.body.text).toMatch(/^Posted a digest of 2 articles/);

    const posts = bot.slack.posts.filter((p) => p.channel === SLACK_CHANNEL);
    expect(posts.length).toBeGreaterThan(0);
    const texts = posts.flatMap((p) => strings([p.text, p.blocks]));
    expect(texts.some((t) => t.includes('Hostile report one'))).toBe(true);
    expect(texts.some((t) => t.includes('report two'))).toBe(true);
    expect(texts.some((t) => t.includes('&lt;!channel&gt;'))).toBe(true);
    for (const t of texts) {
      // Slack's control sequences: <!channel>, <!here>, <!everyone>, <@U…>, <url|text>.
      expect(t).not.toMatch(/<!(channel|here|everyone)/);
      expect(t).not.toMatch(/<@/);
      expect(t).not.toMatch(/<https?:\/\/evil\.example/);
      expect(t).not.toContain('```');
    }
  });
});
