import { describe, expect, it } from 'vitest';
import { discordMessageViolations, slackMessageViolations } from '../../src/digest/render/limits.js';

const s = (n: number): string => 'x'.repeat(n);

describe('discordMessageViolations', () => {
  const ok = { embeds: [{ title: 'T', description: 'D' }], allowed_mentions: { parse: [] } };

  it('passes a message within every limit', () => {
    expect(discordMessageViolations(ok)).toEqual([]);
  });

  it('allows each limit exactly', () => {
    const msg = {
      content: s(2000),
      embeds: [
        { title: s(256), description: s(2000), footer: { text: s(1000) }, author: { name: s(256) } },
        { fields: Array.from({ length: 2 }, () => ({ name: s(100), value: s(1024) })), description: s(132) },
      ],
    };
    expect(discordMessageViolations(msg)).toEqual([]);
  });

  it.each([
    ['content over 2000', { content: s(2001) }, 'content has 2001 characters (limit 2000)'],
    ['11 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, 'embeds has 11 embeds (limit 10)'],
    ['title over 256', { embeds: [{ title: s(257) }] }, 'embeds[0].title has 257 characters (limit 256)'],
    ['description over 4096', { embeds: [{ description: s(4097) }] }, 'embeds[0].description has 4097 characters (limit 4096)'],
    ['26 fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, 'embeds[0].fields has 26 fields (limit 25)'],
    ['field name over 256', { embeds: [{ fields: [{ name: s(257), value: 'v' }] }] }, 'embeds[0].fields[0].name has 257 characters (limit 256)'],
    ['field value over 1024', { embeds: [{ fields: [{ name: 'n', value: s(1025) }] }] }, 'embeds[0].fields[0].value has 1025 characters (limit 1024)'],
    ['empty field value', { embeds: [{ fields: [{ name: 'n', value: ' ' }] }] }, 'embeds[0].fields[0].value is empty'],
    ['footer over 2048', { embeds: [{ footer: { text: s(2049) } }] }, 'embeds[0].footer.text has 2049 characters (limit 2048)'],
    ['author name over 256', { embeds: [{ author: { name: s(257) } }] }, 'embeds[0].author.name has 257 characters (limit 256)'],
    [
      'over 6000 characters summed over embeds',
      { embeds: [{ description: s(4000) }, { description: s(2000), title: 'x' }] },
      'embeds hold 6001 characters in all (limit 6000)',
    ],
    ['neither content nor embeds', { embeds: [] }, 'message has neither content nor embeds'],
    ['parse and users together', { content: 'x', allowed_mentions: { parse: ['users'], users: ['1'] } }, 'allowed_mentions has both parse "users" and a users list'],
  ])('reports %s', (_name, msg, violation) => {
    expect(discordMessageViolations(msg)).toContain(violation);
  });

  it('counts characters after trimming, as Discord does', () => {
    expect(discordMessageViolations({ embeds: [{ title: `  ${s(256)}  ` }] })).toEqual([]);
  });

  it('reports a value that is not a message', () => {
    expect(discordMessageViolations('hello')).toEqual(['message is not an object']);
  });
});

describe('slackMessageViolations', () => {
  const section = (n: number) => ({ type: 'section', text: { type: 'mrkdwn', text: s(n) } });

  it('passes a message within every limit', () => {
    expect(slackMessageViolations({ text: 'fallback', blocks: [section(10)] })).toEqual([]);
  });

  it('allows each limit exactly', () => {
    const msg = {
      text: s(100),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: s(150) } },
        { type: 'context', elements: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: 'c' })) },
        section(3000),
        { type: 'section', fields: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: s(100) })) },
        ...Array.from({ length: 46 }, () => ({ type: 'divider' })),
      ],
    };
    expect(slackMessageViolations(msg)).toEqual([]);
  });

  it.each([
    ['51 blocks', { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }, 'blocks has 51 blocks (limit 50)'],
    ['section text over 3000', { text: 't', blocks: [section(3001)] }, 'blocks[0].text.text has 3001 characters (limit 3000)'],
    ['header over 150', { text: 't', blocks: [{ type: 'header', text: { type: 'plain_text', text: s(151) } }] }, 'blocks[0].text.text has 151 characters (limit 150)'],
    ['mrkdwn header', { text: 't', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] }, 'blocks[0].text.type must be "plain_text"'],
    [
      '11 context elements',
      { text: 't', blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }] },
      'blocks[0].elements has 11 elements (limit 10)',
    ],
    [
      '11 section fields',
      { text: 't', blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }] },
      'blocks[0].fields has 11 fields (limit 10)',
    ],
    ['an empty section', { text: 't', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '' } }] }, 'blocks[0].text.text is empty'],
    ['no fallback text', { blocks: [section(5)] }, 'text (the notification fallback) is empty'],
    ['neither text nor blocks', {}, 'message has neither text nor blocks'],
    ['fallback text over 40,000', { text: s(40_001) }, 'text has 40001 characters (limit 40000)'],
    [
      'over 12,000 characters of block text',
      { text: 't', blocks: Array.from({ length: 5 }, () => section(2500)) },
      'blocks hold 12500 characters of text in all (limit 12000)',
    ],
  ])('reports %s', (_name, msg, violation) => {
    expect(slackMessageViolations(msg)).toContain(violation);
  });
});
