import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/buildDigest.js';
import type { DigestInput } from '../../src/digest/digestInput.js';
import { oneLineSummary, MAX_SUMMARY } from '../../src/digest/oneLineSummary.js';
import { renderDiscord } from '../../src/digest/render/discord.js';
import { discordMessageViolations, slackMessageViolations } from '../../src/digest/render/limits.js';
import type { SlackSectionBlock } from '../../src/digest/render/messages.js';
import { renderSlack } from '../../src/digest/render/slack.js';
import { renderText } from '../../src/digest/render/text.js';
import { FEEDS, PERIOD, TOPICS, article } from './fixtures.js';

const s = (summary: string | null, text: string | null = null, title = 'Ferry service resumes') => oneLineSummary({ title, summary, text });

describe('the one-line summary of an item', () => {
  it('is the first sentence, HTML-free, on one line', () => {
    expect(s('<p>The <b>night ferry</b> to Odesa sails again &amp; carries grain.</p>\n<p>Insurers are wary.</p>')).toBe('The night ferry to Odesa sails again & carries grain.');
  });

  it('does not stop at "U.S." or an initial', () => {
    expect(s('The U.S. Navy and J. Smith of the port authority met on Tuesday. More talks follow.')).toBe('The U.S. Navy and J. Smith of the port authority met on Tuesday.');
  });

  it('comes from the article text when the feed gives no summary, and skips a sentence that repeats the title', () => {
    expect(s(null, 'Ferry service resumes. Crews cleared the channel of mines overnight. Traffic is light.')).toBe('Crews cleared the channel of mines overnight.');
  });

  it(`is cut at a word with "…" past ${MAX_SUMMARY} characters`, () => {
    const long = `Harbour officials said ${'the tugboats and the cranes '.repeat(12)}were ready.`;
    const line = s(long)!;
    expect(line.length).toBeLessThanOrEqual(MAX_SUMMARY);
    expect(line.endsWith('cranes…') || line.endsWith('tugboats…') || line.endsWith('the…') || line.endsWith('and…')).toBe(true);
    expect(line.startsWith('Harbour officials said the tugboats and the cranes')).toBe(true);
  });

  it('is null when there is nothing to say', () => {
    expect(s(null, null)).toBeNull();
    expect(s('<img src="x.png">')).toBeNull();
  });
});

function ferryDigest(link = 'https://port.example/ferry') {
  const input: DigestInput = {
    channelKey: 'discord:77',
    title: 'Harbour digest',
    ...PERIOD,
    articles: [
      article({ id: 1, title: 'Aid convoy reaches the port', summary: '<p>Twelve trucks of aid arrived at dawn. More are due.</p>', published: '2024-10-21T09:15:00Z', link, sources: [FEEDS.voa] }),
      article({ id: 2, title: 'Drone strike near the docks', text: 'A drone struck a warehouse. Nobody was hurt.', published: '2024-10-21T11:40:00Z', link: 'https://port.example/drone', sources: [FEEDS.kyiv] }),
    ],
    figures: [],
    previousFigures: new Map(),
    topics: TOPICS,
    subscriptions: { topics: ['ukraine-aid', 'ukraine-war'], feeds: [] },
    maxArticles: 25,
    timezone: 'Europe/Kyiv',
  };
  return buildDigest(input);
}

describe('summaries and links as each platform shows them', () => {
  it('the console shows the summary under the title', () => {
    expect(renderText(ferryDigest())).toContain('  • Aid convoy reaches the port\n    Twelve trucks of aid arrived at dawn.\n    VOA · Mon 21 Oct, 12:15 Kyiv time\n');
  });

  it('Discord shows it in italics under the item line; every embed carries a timestamp and its lead story\'s link', () => {
    const [message, ...rest] = renderDiscord(ferryDigest());
    expect(rest).toEqual([]);
    expect(discordMessageViolations(message)).toEqual([]);
    expect(message!.embeds.map((e) => [e.title, e.timestamp, e.url])).toEqual([
      ['Harbour digest', '2024-10-22T08:00:00.000Z', 'https://port.example/ferry'],
      ['Military aid to Ukraine', '2024-10-21T09:15:00.000Z', 'https://port.example/ferry'],
      ['The war in figures', '2024-10-21T11:40:00.000Z', 'https://port.example/drone'],
    ]);
    expect(message!.embeds[1]!.description).toBe('• **[Aid convoy reaches the port](https://port.example/ferry)** · VOA · Mon 21 Oct, 12:15 Kyiv time\n_Twelve trucks of aid arrived at dawn._');
  });

  it('Discord gives an embed no url that is not plain http(s)', () => {
    const [message] = renderDiscord(ferryDigest('javascript:alert(1)'));
    expect(message!.embeds[1]!.url).toBeUndefined();
    expect(message!.embeds[1]!.timestamp).toBe('2024-10-21T09:15:00.000Z');
  });

  it('Slack shows the summary on the line after the item', () => {
    const [message] = renderSlack(ferryDigest());
    expect(slackMessageViolations(message)).toEqual([]);
    const texts = message!.blocks.filter((b): b is SlackSectionBlock => b.type === 'section').map((b) => b.text!.text);
    expect(texts).toContain('*The war in figures*\n• *<https://port.example/drone|Drone strike near the docks>* · The Kyiv Independent · Mon 21 Oct, 14:40 Kyiv time\nA drone struck a warehouse.');
  });
});
