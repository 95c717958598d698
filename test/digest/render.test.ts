import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/buildDigest.js';
import type { Digest, DigestFigure } from '../../src/digest/digest.js';
import { renderDiscord } from '../../src/digest/render/discord.js';
import { discordMessageViolations, slackMessageViolations } from '../../src/digest/render/limits.js';
import type { SlackSectionBlock } from '../../src/digest/render/messages.js';
import { renderSlack } from '../../src/digest/render/slack.js';
import { renderText } from '../../src/digest/render/text.js';
import { PERIOD, seedScenario } from './fixtures.js';

const VOA_LINK = 'https://www.voanews.com/a/austin-in-kyiv-us-will-get-ukraine-what-it-needs/7833155.html';

function seedDigest(): Digest {
  return buildDigest(seedScenario());
}

function emptyDigest(): Digest {
  return { channelKey: 'discord:1', title: 'News digest · 22 Oct 2024', ...PERIOD, sections: [], figures: [], articleCount: 0, omittedCount: 0 };
}

function slackTexts(messages: ReturnType<typeof renderSlack>): string[] {
  return messages.flatMap((m) => m.blocks.filter((b): b is SlackSectionBlock => b.type === 'section').map((b) => b.text!.text));
}

function withFigure(figure: DigestFigure): Digest {
  return { ...emptyDigest(), figures: [figure] };
}

const fellTotal: DigestFigure = {
  articleId: 1,
  label: 'Troops deployed (North Korea)',
  category: 'troops',
  actor: 'North Korea',
  value: 11_000,
  value_max: null,
  unit: 'count',
  qualifier: 'about',
  cumulative: true,
  status: null,
  event: null,
  text: 'about 11,000',
  quote: 'about 11,000 troops',
  source: 'Reuters',
  published: '2025-05-09T10:00:00Z',
  link: null,
  previous: { value: 15_000, qualifier: 'exact', text: '15,000', published: '2025-04-28T10:00:00Z', source: 'AP', direction: 'down' },
};

describe('renderers: snapshots of the seed digest', () => {
  it('renders the seed digest for Discord', async () => {
    await expect(`${JSON.stringify(renderDiscord(seedDigest()), null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/seed.discord.json');
  });

  it('renders the seed digest for Slack', async () => {
    await expect(`${JSON.stringify(renderSlack(seedDigest()), null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/seed.slack.json');
  });

  it('renders the seed digest as console text', async () => {
    await expect(renderText(seedDigest())).toMatchFileSnapshot('./__snapshots__/seed.txt');
  });

  it('keeps the seed digest within every limit on both platforms', () => {
    for (const m of renderDiscord(seedDigest())) expect(discordMessageViolations(m)).toEqual([]);
    for (const m of renderSlack(seedDigest())) expect(slackMessageViolations(m)).toEqual([]);
  });
});

describe('renderers: the key-figures line', () => {
  it('reads the running total and its change on the console', () => {
    expect(renderText(seedDigest())).toContain(
      '  • Total aid (United States): more than $58 billion (VOA, 21 Oct), up from $44.2 billion on 22 Jan\n',
    );
  });

  it('reads the same on Discord, the source linking to the article', () => {
    const description = renderDiscord(seedDigest())[0]!.embeds.find((e) => e.title === 'Key figures')!.description!;
    expect(description.split('\n')[0]).toBe(
      `• **Total aid (United States)**: more than $58 billion ([VOA](${VOA_LINK}), 21 Oct), up from $44.2 billion on 22 Jan`,
    );
  });

  it('reads the same on Slack, the source linking to the article', () => {
    const section = slackTexts(renderSlack(seedDigest())).find((t) => t.startsWith('*Key figures*'))!;
    expect(section.split('\n')[1]).toBe(
      `• *Total aid (United States)*: more than $58 billion (<${VOA_LINK}|VOA>, 21 Oct), up from $44.2 billion on 22 Jan`,
    );
  });

  it('says "down from" when a running total fell', () => {
    const line = 'Troops deployed (North Korea): about 11,000 (Reuters, 9 May 2025), down from 15,000 on 28 Apr 2025';
    expect(renderText(withFigure(fellTotal))).toContain(line);
    expect(renderDiscord(withFigure(fellTotal))[0]!.embeds[1]!.description).toBe(`• **Troops deployed (North Korea)**: about 11,000 (Reuters, 9 May 2025), down from 15,000 on 28 Apr 2025`);
    expect(slackTexts(renderSlack(withFigure(fellTotal)))[0]).toContain('• *Troops deployed (North Korea)*: about 11,000 (Reuters, 9 May 2025), down from 15,000 on 28 Apr 2025');
  });

  it('says "unchanged since" when a running total held', () => {
    const held: DigestFigure = { ...fellTotal, value: 15_000, text: 'about 15,000', previous: { ...fellTotal.previous!, direction: 'unchanged' } };
    expect(renderText(withFigure(held))).toContain('Troops deployed (North Korea): about 15,000 (Reuters, 9 May 2025), unchanged since 28 Apr 2025');
  });

  it('dates figures and items in the channel\'s time zone', () => {
    const d = { ...seedDigest(), timezone: 'Asia/Tokyo' };
    expect(renderText(d)).toContain('VOA, The Kyiv Independent, AP · Mon 21 Oct, 23:30 Tokyo time');
  });
});

describe('renderers: a digest with nothing new', () => {
  it('is one short Discord message', () => {
    const messages = renderDiscord(emptyDigest());
    expect(messages).toEqual([
      {
        embeds: [{ title: 'News digest · 22 Oct 2024', description: 'Nothing new since Mon 21 Oct, 08:00 UTC.', color: expect.any(Number), timestamp: '2024-10-22T08:00:00.000Z' }],
        allowed_mentions: { parse: [] },
      },
    ]);
  });

  it('is one short Slack message with a fallback text', () => {
    const [message, ...rest] = renderSlack(emptyDigest());
    expect(rest).toEqual([]);
    expect(message!.text).toBe('News digest · 22 Oct 2024: nothing new since Mon 21 Oct, 08:00 UTC.');
    expect(message!.blocks).toHaveLength(2);
    expect(slackMessageViolations(message)).toEqual([]);
  });

  it('is two lines on the console', () => {
    expect(renderText(emptyDigest())).toBe('News digest · 22 Oct 2024\nNothing new since Mon 21 Oct, 08:00 UTC.\n');
  });
});

describe('renderers: counts', () => {
  it('says how many items maxArticles left out', () => {
    const d = buildDigest({ ...seedScenario(), maxArticles: 2 });
    expect(renderText(d).split('\n')[1]).toBe('2 new articles since Mon 21 Oct, 08:00 UTC · 2 more not shown');
    expect(renderDiscord(d)[0]!.embeds[0]!.description).toBe('2 new articles since Mon 21 Oct, 08:00 UTC · 2 more not shown');
    expect(renderSlack(d)[0]!.text).toBe('News digest · 22 Oct 2024: 2 new articles, 2 more not shown');
  });
});
