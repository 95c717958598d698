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

  it('drops what scripts, styles, noscript and templates hold, even when it looks like markup', () => {
    const html = '<p>Before</p><script>if (a < b) document.write("<p>fake</p>")</script><style>p::after { content: "x" }</style><noscript><p>Enable scripts</p></noscript><template><p>Later</p></template><p>After</p>';
    expect(htmlToText(html)).toBe('Before\n\nAfter');
  });

  it('decodes named, decimal and hexadecimal entities and keeps an unknown one as written', () => {
    expect(htmlToText('<p>Caf&eacute; &#x41;&#66; &euro;5 &zzqx; &lt;b&gt;</p>')).toBe('Café AB €5 &zzqx; <b>');
  });

  it('breaks lines at block elements and <br>, not at inline ones', () => {
    const html = '<h2>Aid</h2><div>One <em>two</em> <a href="/x">three</a><br>four</div><ul><li>first</li><li>second</li></ul><table><tr><td>cell</td></tr></table>';
    expect(htmlToText(html)).toBe('Aid\n\nOne two three\nfour\n\nfirst\n\nsecond\n\ncell');
  });

  it('closes paragraphs the way browsers do when the markup leaves them open', () => {
    expect(htmlToText('<p>One<p>Two</p></p>Three')).toBe('One\n\nTwo\n\nThree');
  });

  it('stops at the character limit it is given', () => {
    expect(htmlToText('<p>' + 'word '.repeat(1000) + '</p>', 12)).toBe('word word wo');
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
