/**
 * Alerts end to end through the running bot: admins set them with /alert on Discord and Slack, the
 * poller stores a report that crosses the line, and each channel gets the alert once, posted by the
 * real clients to the fakes (which check every limit). Also measures the latency from the poll that
 * stores the report to the post.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISCORD_ADMIN, DISCORD_CHANNEL, DISCORD_MEMBER, GUILD, SLACK_ADMIN, SLACK_CHANNEL, SLACK_MEMBER, startBotWorld, type BotWorld } from './botWorld.js';
import { aidReport } from './world.js';

let bot: BotWorld;
beforeEach(async () => {
  bot = await startBotWorld();
  bot.feed.publish(aidReport('r1', '2024-11-04', '$66 billion'));
  // The first poll stores the starting value.
  await waitFor(async () => (await bot.rt.store.countArticles()) === 1, 'the first report to be stored');
});
afterEach(async () => bot.close());

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function discordAlertAdd(user: typeof DISCORD_ADMIN, options: Record<string, string>) {
  const record = await bot.discord.invoke({ via: { http: bot.discordUrl }, guildId: GUILD, channelId: DISCORD_CHANNEL, user, command: 'alert', subcommand: 'add', options });
  const reply = await bot.discord.visibleReply(record);
  // Replies are Discord markdown: compare the text a reader sees.
  return { ...reply, content: reply.content.replace(/\\(.)/g, '$1') };
}

const slackAlert = (userId: string, text: string) => bot.slack.sendCommand(bot.slackUrl, { command: '/alert', text, userId, channelId: SLACK_CHANNEL });

describe('alerts through the running bot', () => {
  it('set on Discord and Slack by admins, an alert crossing $70 billion is posted once to each channel', async () => {
    const onDiscord = await discordAlertAdd(DISCORD_ADMIN, { measure: 'US aid to Ukraine', when: 'above', value: '70bn' });
    expect(onDiscord.ephemeral).toBe(true);
    expect(onDiscord.content).toMatch(/^Alert \d+ set: this channel is told when total aid \(United States\) goes above \$70 billion\. Latest: more than \$66 billion \(Wire, 4 Nov 2024\)\./);
    const onSlack = await slackAlert(SLACK_ADMIN, 'add US aid to Ukraine above $70 billion');
    expect(onSlack.ack?.text).toMatch(/^Alert \d+ set: this channel is told when total aid \(United States\) goes above \$70 billion\./);

    bot.feed.publish(aidReport('r2', '2024-11-11', '$71 billion'));
    const polled = performance.now();
    bot.pollSoon();
    await waitFor(() => bot.discord.messages(DISCORD_CHANNEL).length === 1 && bot.slack.posts.filter((p) => p.channel === SLACK_CHANNEL).length === 1, 'the alert on both platforms');
    const latencyMs = performance.now() - polled;

    const [discordPost] = bot.discord.messages(DISCORD_CHANNEL);
    expect(discordPost!.embeds[0]).toMatchObject({
      title: 'Alert: total aid (United States) went above $70 billion',
      url: 'https://wire.example/r2',
      fields: [
        { name: 'Before', value: 'more than $66 billion (4 Nov 2024)', inline: true },
        { name: 'Source', value: 'Wire, 11 Nov 2024', inline: true },
      ],
    });
    expect(discordPost!.pings).toMatchObject({ everyone: false });
    const [slackPost] = bot.slack.posts.filter((p) => p.channel === SLACK_CHANNEL);
    expect(slackPost!.text).toBe('Alert: total aid (United States) went above $70 billion: more than $71 billion');
    expect(JSON.stringify(slackPost!.blocks)).toContain('*Before:* more than $66 billion (4 Nov 2024)');
    // Slack carries the outbox key, so a post resumed after a crash is found instead of repeated.
    expect(slackPost!.metadata?.event_type).toBe('newsdigest_digest_part');

    // A restatement above the line is not a new crossing.
    bot.feed.publish(aidReport('r3', '2024-11-12', '$72 billion'));
    bot.pollSoon();
    await waitFor(async () => (await bot.rt.store.countArticles()) === 3, 'the restatement to be stored');
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.discord.messages(DISCORD_CHANNEL)).toHaveLength(1);
    expect(bot.slack.posts.filter((p) => p.channel === SLACK_CHANNEL)).toHaveLength(1);

    const alerts = await bot.rt.store.listAlerts();
    const firings = await Promise.all(alerts.map((a) => bot.rt.store.listAlertFirings(a.id, 10)));
    expect(firings.map((f) => f.map((x) => [x.status, x.figure.value]))).toEqual([[['sent', 71e9]], [['sent', 71e9]]]);
    const stored = firings.flat().map((f) => Date.parse(f.sentAt!) - Date.parse(f.firedAt));
    console.log(`alert latency: poll of the crossing report → both posts seen by the fakes ${latencyMs.toFixed(0)} ms; fired → marked sent ${stored.map((ms) => `${ms} ms`).join(', ')}`);
    expect(latencyMs).toBeLessThan(10_000);
  });

  it('members who are not admins are refused on both platforms, and nothing is set', async () => {
    bot.discord.allowCommandFor(GUILD, 'alert', DISCORD_MEMBER.id);
    const refused = await discordAlertAdd(DISCORD_MEMBER, { measure: 'US aid to Ukraine', when: 'above', value: '70bn' });
    expect(refused.content).toBe("Sorry, /alert add changes this channel's setup and needs the Manage Server permission (MANAGE_GUILD). Nothing was changed.");
    const onSlack = await slackAlert(SLACK_MEMBER, 'add US aid to Ukraine above 70bn');
    expect(onSlack.ack?.text).toBe("Sorry, /alert add changes this channel's setup and needs a workspace admin or owner (or a user listed in slack.adminUserIds). Nothing was changed.");
    expect(await bot.rt.store.listAlerts()).toEqual([]);
  });

  it('a value that does not read is refused with an example on both platforms', async () => {
    const onDiscord = await discordAlertAdd(DISCORD_ADMIN, { measure: 'US aid to Ukraine', when: 'above', value: 'lots' });
    expect(onDiscord.content).toBe('"lots" is not a value I can read; write it like 70bn, $70 billion, 700 or 70e9, e.g. /alert add US aid to Ukraine above 70bn. Nothing was changed.');
    const onSlack = await slackAlert(SLACK_ADMIN, 'add US aid to Ukraine above lots');
    expect(onSlack.ack?.text).toBe('"lots" is not a value I can read; write it like 70bn, $70 billion, 700 or 70e9, e.g. /alert add US aid to Ukraine above 70bn. Nothing was changed.');
    expect(await bot.rt.store.listAlerts()).toEqual([]);
  });

  it('/alert list and /alert remove on Slack', async () => {
    await slackAlert(SLACK_ADMIN, 'add US aid to Ukraine changes');
    const [a] = await bot.rt.store.listAlerts();
    const list = await slackAlert(SLACK_ADMIN, 'list');
    expect(list.ack?.text).toBe(`Alerts in this channel:\n• ${a!.id}: US aid to Ukraine changes: watching for a different value (latest $66 billion, 4 Nov 2024); not fired yet\nRemove one with /alert remove and its number, e.g. /alert remove ${a!.id}.`);
    const removed = await slackAlert(SLACK_ADMIN, `remove ${a!.id}`);
    expect(removed.ack?.text).toBe(`Removed alert ${a!.id} (US aid to Ukraine).`);
  });
});
