/**
 * The five hardest questions as a user sees them on Slack and on Discord (issue #13): the real bot,
 * served as `newsdigest serve` serves it, asked over each platform's wire protocol, answering from
 * reports written for this test (see chatWorld.ts). Both platforms must give the same answer, with
 * the figure, actor, source and date words checked against those reports.
 *
 * NEWSDIGEST_TRANSCRIPT=1 prints the transcript (each question, then the reply exactly as each fake
 * received it) for pasting into a closing note; without it nothing is printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordVisible, slackVisible, startChatWorld, transcriptEntry, type ChatWorld, type DiscordSeen, type SlackSeen } from './chatWorld.js';

let world: ChatWorld;
const transcript: string[] = [];
beforeAll(async () => {
  world = await startChatWorld();
}, 30_000);
afterAll(async () => {
  if (process.env.NEWSDIGEST_TRANSCRIPT === '1' && transcript.length > 0) {
    const asked = new Date().toISOString().slice(0, 10);
    console.log([`Transcript: /ask on Discord and Slack, asked on ${asked} (the bot's own clock)`, ...transcript].join('\n\n'));
  }
  await world?.close();
});

/** Asks on both platforms, adds the exchange to the transcript, and checks both show the same words. */
async function askBoth(n: number | null, question: string): Promise<{ text: string; discord: DiscordSeen; slack: SlackSeen }> {
  const seen = await world.ask(question);
  if (n !== null) transcript[n - 1] = transcriptEntry(n, question, seen);
  // Short answers are plain content on Discord and plain text on Slack, no embeds or blocks.
  expect(seen.discord.embeds).toEqual([]);
  expect(seen.slack.blocks).toEqual([]);
  const text = discordVisible(seen.discord.content);
  expect(slackVisible(seen.slack.text)).toBe(text);
  // The same privacy on both: Discord's EPHEMERAL flag (64) exactly when Slack's reply is ephemeral.
  expect(seen.discord.flags === 64).toBe(seen.slack.response_type === 'ephemeral');
  expect(seen.discord.ephemeral).toBe(seen.discord.flags === 64);
  return { text, ...seen };
}

const inChannel = (r: { discord: DiscordSeen; slack: SlackSeen }) => expect([r.discord.flags, r.slack.response_type]).toEqual([0, 'in_channel']);

describe('the five hardest questions, on Discord and on Slack', () => {
  it('1. "total aid to date" with no actor: every donor\'s own latest total with its source, never a sum', async () => {
    const r = await askBoth(1, 'What is the total aid to Ukraine to date?');
    inChannel(r);
    expect(r.text.split('\n')).toEqual([
      'Total aid, by actor (latest running total of each, largest first within each currency):',
      '• Germany: €14.5 billion (running total since February 2022) — Kyiv Ledger, 2 Mar 2026: "Berlin\'s running total for Kyiv passes €14 billion" https://ledger.example/berlin-total',
      '• France: €6.2 billion (running total since February 2022) — Kyiv Ledger, 4 Mar 2026: "Paris tallies its support" https://ledger.example/paris-total',
      '• Sweden: €3.1 billion (running total) — Harbour Post, 6 Mar 2026: "Stockholm keeps its promises" https://harbour.example/stockholm-total',
      // Euros and dollars are not compared: the currency most donors report in comes first.
      '• United States: $69.8 billion (running total since 2014) — Capitol Wire, 12 Mar 2026: "A longer view of US support" https://capitol.example/ledger-2014',
      'Name an actor for its quote and earlier values, e.g. "What is the total aid from Germany to date?".',
    ]);
    // Sweden's stalled request is not given money; no total of ours (14.5 + 6.2 + 3.1 = 23.8).
    expect(r.text).not.toMatch(/€4 billion|23\.8/);
  });

  it('2. "Europe": each European member\'s own total, the US left out, Ukraine (the recipient) never the actor', async () => {
    const r = await askBoth(2, 'How much has Europe pledged to Ukraine?');
    inChannel(r);
    expect(r.text.split('\n')).toEqual([
      "Total aid (Europe): no figure for Europe as a whole; each member's own latest, largest first (not added up):",
      '• Germany: €14.5 billion (running total since February 2022) — Kyiv Ledger, 2 Mar 2026: "Berlin\'s running total for Kyiv passes €14 billion" https://ledger.example/berlin-total',
      '• France: €6.2 billion (running total since February 2022) — Kyiv Ledger, 4 Mar 2026: "Paris tallies its support" https://ledger.example/paris-total',
      '• Sweden: €3.1 billion (running total) — Harbour Post, 6 Mar 2026: "Stockholm keeps its promises" https://harbour.example/stockholm-total',
      'Name an actor for its quote and earlier values, e.g. "What is the total aid from Germany to date?".',
    ]);
    expect(r.text).not.toMatch(/• (United States|Ukraine)|\$6\d/);
  });

  it('3. "shot down last night", asked months later: the shoot-down count (not the newer launch count), opened with its day', async () => {
    const r = await askBoth(3, 'How many drones were shot down last night?');
    inChannel(r);
    expect(r.text.split('\n')).toEqual([
      'The latest I have is from 14 Apr 2026: Drones shot down (Russia): 431.',
      'Source: Air Watch, 14 Apr 2026: "Hundreds of drones over Ukraine overnight" https://airwatch.example/big-night',
      'Quote: "Air defence crews shot down 431 of them before dawn."',
    ]);
    // 463 were launched that night and 212 two nights later: neither is a shoot-down count.
    expect(r.text).not.toMatch(/463|212/);
  });

  it('4. "since the invasion": the running total of that period, said in words, not the newer "since 2014" one', async () => {
    const r = await askBoth(4, 'What is the total US aid to Ukraine since the invasion?');
    inChannel(r);
    expect(r.text.split('\n')).toEqual([
      'Total aid (United States): $66.2 billion (running total since February 2022).',
      'Source: Capitol Wire, 10 Mar 2026: "Pentagon updates its Ukraine ledger" https://capitol.example/ledger-2022',
      'Quote: "Washington has provided $66.2 billion in military aid to Ukraine since February 2022, the Pentagon said."',
    ]);
    expect(r.text).not.toContain('69.8');
  });

  it('5. no figure for it: one private line saying what is closest, with a question that works', async () => {
    const r = await askBoth(5, 'How many refugees have left Ukraine?');
    expect([r.discord.flags, r.discord.ephemeral, r.slack.response_type]).toEqual([64, true, 'ephemeral']);
    // The day is that of the given total the example answers with (6 Mar), not of the stalled bill (20 Mar).
    expect(r.text).toBe('I hold no figures on that. Closest I hold: total aid (Sweden), latest 6 Mar 2026; try "What is the total aid from Sweden to date?".');
  });
});

describe('around the five', () => {
  it('the question offered in 5 works on both platforms: Sweden\'s given total, its stalled request only as pending', async () => {
    const r = await askBoth(null, 'What is the total aid from Sweden to date?');
    inChannel(r);
    expect(r.text.split('\n')).toEqual([
      'Total aid (Sweden): €3.1 billion (running total).',
      'Source: Harbour Post, 6 Mar 2026: "Stockholm keeps its promises" https://harbour.example/stockholm-total',
      'Quote: "Sweden has pledged €3.1 billion to Ukraine in total, the defence minister told reporters."',
      'Also pending (proposed, not given): €4 billion — Harbour Post, 20 Mar 2026: "Swedish aid bill stuck in committee" https://harbour.example/stockholm-stalled',
    ]);
  });

  it('the example closing 1 and 2 works: Germany\'s own total, the first actor they list', async () => {
    const r = await askBoth(null, 'What is the total aid from Germany to date?');
    inChannel(r);
    expect(r.text.split('\n')[0]).toBe('Total aid (Germany): €14.5 billion (running total since February 2022).');
  });

  it('"since 2014" picks the other US series and says its period', async () => {
    const r = await askBoth(null, 'How much US aid has Ukraine had since 2014?');
    expect(r.text.split('\n')[0]).toBe('Total aid (United States): $69.8 billion (running total since 2014).');
    expect(r.text).not.toContain('66.2');
  });

  it('"launched last night" gets the newest launch count, two nights after the shoot-down figure', async () => {
    const r = await askBoth(null, 'How many drones did Russia launch last night?');
    expect(r.text.split('\n')[0]).toBe('The latest I have is from 16 Apr 2026: Drones launched (Russia): 212.');
  });
});
