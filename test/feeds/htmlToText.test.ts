import { describe, expect, it } from 'vitest';
import { cleanCharacters, htmlToText, textOfTitle, truncateText } from '../../src/feeds/htmlToText.js';

describe('htmlToText', () => {
  it('keeps paragraphs apart and drops scripts, styles and tags', () => {
    const text = htmlToText('<p>First <b>bold</b> line.</p><script>alert(1)</script><style>p{}</style><p>Second&nbsp;para &amp; more</p>');
    expect(text).toBe('First bold line.\n\nSecond para & more');
  });

  it('decodes entities once and collapses runs of whitespace', () => {
    expect(htmlToText('A   &lt;tag&gt;\t\tand &#8220;quotes&#8221;')).toBe('A <tag> and “quotes”');
  });

  it('reads nesting far deeper than the call stack allows', () => {
    const deep = '<div>'.repeat(20_000) + 'deep text' + '</div>'.repeat(20_000);
    expect(htmlToText(deep)).toBe('deep text');
  });

  it('remaps windows-1252 C1 codes to their punctuation and removes control characters', () => {
    expect(cleanCharacters('don\u0092t\u0008 stop')).toBe('don’t stop');
  });
});

describe('textOfTitle', () => {
  it('strips HTML from an HTML title and joins lines', () => {
    expect(textOfTitle('Report on <b>Slack</b>\n   market', true)).toBe('Report on Slack market');
  });

  it('keeps markup-looking text of a plain-text title', () => {
    expect(textOfTitle('Why <b> is bold', false)).toBe('Why <b> is bold');
  });

  it('keeps a "<" that is not a tag', () => {
    expect(textOfTitle('Fish & Chips & more <3', true)).toBe('Fish & Chips & more <3');
  });
});

describe('truncateText', () => {
  it('cuts at a word boundary and marks the cut', () => {
    expect(truncateText('one two three four five', 14)).toBe('one two three…');
    expect(truncateText('short', 14)).toBe('short');
  });
});
