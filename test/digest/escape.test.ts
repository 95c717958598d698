import { describe, expect, it } from 'vitest';
import {
  discordLink,
  escapeDiscord,
  escapeSlack,
  fitEscaped,
  safeHttpUrl,
  slackLink,
  toPlainLine,
  truncate,
} from '../../src/digest/render/escape.js';

const ZWSP = '\u200b';

describe('escapeSlack', () => {
  it('entity-encodes &, < and > and nothing else', () => {
    expect(escapeSlack(`"Quotes" 'apos' café — 5 > 3 & 2 < 4 © 100% #1`)).toBe(`"Quotes" 'apos' café — 5 &gt; 3 &amp; 2 &lt; 4 © 100% #1`);
  });

  it('makes <!channel>, <!here> and <@U123> plain text', () => {
    expect(escapeSlack('<!channel> <!here> <@U123>')).toBe('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;');
  });

  it('breaks bare @channel, @here and @everyone with a zero-width space, leaving e-mail addresses alone', () => {
    expect(escapeSlack('@channel @Here @everyone press@agency.example')).toBe(`@${ZWSP}channel @${ZWSP}Here @${ZWSP}everyone press@agency.example`);
  });

  it('encodes an ampersand that is already an entity again, so it shows as typed', () => {
    expect(escapeSlack('&amp;')).toBe('&amp;amp;');
  });
});

describe('escapeDiscord', () => {
  it('escapes markdown with backslashes', () => {
    expect(escapeDiscord('**a** __b__ ~~c~~ ||d|| `e` > f [g](h)')).toBe('\\*\\*a\\*\\* \\_\\_b\\_\\_ \\~\\~c\\~\\~ \\|\\|d\\|\\| \\`e\\` \\> f \\[g\\](h)');
  });

  it('escapes a backslash so it cannot un-escape what follows', () => {
    expect(escapeDiscord('\\*')).toBe('\\\\\\*');
  });

  it('breaks every mention form', () => {
    expect(escapeDiscord('@everyone <@123> <@!123> <@&123> <#123>')).toBe(
      `@${ZWSP}everyone \\<${ZWSP}@${ZWSP}123\\> \\<${ZWSP}@${ZWSP}!123\\> \\<${ZWSP}@${ZWSP}&123\\> \\<${ZWSP}#123\\>`,
    );
  });
});

describe('toPlainLine', () => {
  it('turns line breaks and tabs into single spaces', () => {
    expect(toPlainLine(' a\n\n b\tc\r\nd ')).toBe('a b c d');
  });

  it('drops bidirectional overrides and terminal escapes', () => {
    expect(toPlainLine('abc\u202Efdp.exe \u001b[1;31mred\u001b[0m \u001b]8;;https://x.example\u0007link\u001b]8;;\u0007')).toBe('abcfdp.exe red link');
  });

  it('keeps joiners that scripts and emoji need', () => {
    expect(toPlainLine('می\u200cخواهم 👩\u200d💻')).toBe('می\u200cخواهم 👩\u200d💻');
  });
});

describe('truncate and fitEscaped', () => {
  it('cuts with an ellipsis within the limit', () => {
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect(truncate('abc', 5)).toBe('abc');
  });

  it('never splits an emoji (a surrogate pair) in half', () => {
    const cut = truncate('ab😀cdef', 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });

  it('shortens before escaping, so an entity is never cut', () => {
    const out = fitEscaped('&'.repeat(100), 23, escapeSlack);
    expect(out.length).toBeLessThanOrEqual(23);
    expect(out).toMatch(/^(&amp;)+…$/);
  });
});

describe('safeHttpUrl', () => {
  it('accepts http and https URLs in canonical form', () => {
    expect(safeHttpUrl(' https://Example.com/a b?x=1 ')).toBe('https://example.com/a%20b?x=1');
    expect(safeHttpUrl('http://example.com')).toBe('http://example.com/');
  });

  it.each([
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['data:text/html,<b>x</b>'],
    ['vbscript:msgbox'],
    ['file:///etc/passwd'],
    ['ftp://example.com/x'],
    ['mailto:a@example.com'],
    ['/relative/path'],
    ['https://bank.example@evil.example/'],
    ['https://user:pass@example.com/'],
    [''],
    [`https://example.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (url) => {
    expect(safeHttpUrl(url)).toBeNull();
  });
});

describe('links', () => {
  it('Discord: encodes parentheses so the link target cannot end early', () => {
    expect(discordLink('t', 'https://en.wikipedia.org/wiki/Kyiv_(city)')).toBe('[t](https://en.wikipedia.org/wiki/Kyiv_%28city%29)');
  });

  it('Discord: no link for a refused URL, just the text', () => {
    expect(discordLink('t', 'javascript:alert(1)')).toBe('t');
  });

  it('Slack: encodes "|" and escapes "&" in the URL', () => {
    expect(slackLink('t', 'https://example.com/?a=1&b=x|y')).toBe('<https://example.com/?a=1&amp;b=x%7Cy|t>');
  });

  it('Slack: no link for a refused URL, just the text', () => {
    expect(slackLink('t', 'data:text/html,hi')).toBe('t');
  });
});
