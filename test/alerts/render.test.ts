import { describe, expect, it } from 'vitest';
import { alertMessage, type AlertMessage } from '../../src/alerts/alertMessage.js';
import { renderAlertDiscord } from '../../src/alerts/render/discord.js';
import { renderAlertSlack } from '../../src/alerts/render/slack.js';
import { renderAlertText } from '../../src/alerts/render/text.js';
import { discordMessageViolations, slackMessageViolations } from '../../src/digest/render/limits.js';
import type { AlertFiringFigure, AlertPreviousValue } from '../../src/store/store.js';

const ZWSP = '\u200b';
const figure = (overrides: Partial<AlertFiringFigure> = {}): AlertFiringFigure => ({
  figureId: 7, value: 71e9, valueMax: null, unit: 'USD', qualifier: 'more_than', category: 'aid', actor: 'United States', cumulative: true, since: '2022-02',
  published: '2024-11-11T10:00:00.000Z', quote: 'more than $71 billion', sentence: 'The Pentagon said the US has now provided more than $71 billion in aid.',
  article: { id: 3, title: 'US aid reaches $71 billion', link: 'https://wire.example/a2', source: 'Wire' }, ...overrides,
});
const previous: AlertPreviousValue = { value: 66e9, valueMax: null, unit: 'USD', qualifier: 'exact', published: '2024-11-04T10:00:00.000Z', source: 'Wire' };
const rule = { id: 4, condition: 'above' as const, threshold: 70e9, unit: null };
const message = (f = figure(), tz = 'Europe/Kyiv'): AlertMessage => alertMessage(rule, 'total aid (United States)', f, previous, tz);

const HOSTILE = '@everyone @here <!channel> <@123> <@&456> **bold** ```fence``` [click](https://evil.example) <https://evil.example|x>';
const hostile = (): AlertMessage =>
  message(figure({ sentence: `${HOSTILE} ${'long words '.repeat(800)}`, article: { id: 3, title: `${HOSTILE} ${'title '.repeat(400)}`, link: 'javascript:alert(1)', source: `${HOSTILE} Wire` } }));

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('alert messages', () => {
  it('on Discord: one embed titled with what crossed, linked to the report, the value before and the source beside it, mentions off', () => {
    expect(renderAlertDiscord(message())).toEqual({
      embeds: [
        {
          title: 'Alert: total aid (United States) went above $70 billion',
          url: 'https://wire.example/a2',
          description: '**more than $71 billion** since February 2022\n> The Pentagon said the US has now provided more than $71 billion in aid.\n[US aid reaches $71 billion](https://wire.example/a2)',
          color: 0xd4833b,
          fields: [
            { name: 'Before', value: '$66 billion (4 Nov 2024)', inline: true },
            { name: 'Source', value: 'Wire, 11 Nov 2024', inline: true },
          ],
          footer: { text: 'Alert 4 (above $70 billion) · /alert remove 4 stops it' },
        },
      ],
      allowed_mentions: { parse: [] },
    });
  });

  it('on Slack: a header, the values and the quote, then the source with its link; mrkdwn verbatim', () => {
    expect(renderAlertSlack(message())).toEqual({
      text: 'Alert: total aid (United States) went above $70 billion: more than $71 billion',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Alert: total aid (United States) went above $70 billion', emoji: false } },
        { type: 'section', text: { type: 'mrkdwn', verbatim: true, text: '*Now:* more than $71 billion since February 2022\n*Before:* $66 billion (4 Nov 2024)\n>The Pentagon said the US has now provided more than $71 billion in aid.' } },
        { type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: '<https://wire.example/a2|US aid reaches $71 billion> · Wire, 11 Nov 2024' }, { type: 'mrkdwn', verbatim: true, text: 'Alert 4 (above $70 billion) · /alert remove 4 stops it' }] },
      ],
    });
  });

  it('as text: dates in the channel time zone (a report late on 10 Nov UTC is 11 Nov in Kyiv)', () => {
    const text = renderAlertText(message(figure({ published: '2024-11-10T23:30:00.000Z' })));
    expect(text.split('\n')[1]).toBe('Now: more than $71 billion since February 2022 (Wire, 11 Nov 2024)');
  });

  it('a first value says there was none before, and a line given without a unit reads in the figure unit', () => {
    const m = alertMessage(rule, 'total aid (United States)', figure(), null, 'UTC');
    expect(m.headline).toBe('total aid (United States) is above $70 billion');
    expect(renderAlertText(m).split('\n')[2]).toBe('Before: no earlier value reported');
  });

  it('hostile report text stays inert and every message stays within the platform limits', () => {
    const discord = renderAlertDiscord(hostile());
    expect(discordMessageViolations(discord)).toEqual([]);
    for (const s of strings(discord.embeds)) {
      expect(s).not.toMatch(/@(everyone|here)/);
      expect(s).not.toMatch(/(?<!\\)<[@#!]/);
      expect(s).not.toContain('javascript:');
      expect(s).not.toMatch(/(?<!\\)\]\(https:\/\/evil/);
    }
    expect(discord.embeds[0]!.url).toBeUndefined();
    expect(discord.embeds[0]!.description).toContain(`@${ZWSP}everyone @${ZWSP}here \\<${ZWSP}!channel\\> \\<${ZWSP}@${ZWSP}123\\>`);

    const slack = renderAlertSlack(hostile());
    expect(slackMessageViolations(slack)).toEqual([]);
    for (const s of strings(slack.blocks)) {
      expect(s).not.toMatch(/<!(channel|here|everyone)/);
      expect(s).not.toMatch(/<@\d/);
      expect(s).not.toContain('javascript:');
    }
    expect(slack.text).not.toMatch(/<[!@]/);
    expect(JSON.stringify(slack.blocks)).toContain('&lt;!channel&gt; &lt;@123&gt;');
  });
});
