/**
 * Feed text is written by strangers: whatever a title, a feed name or a link holds, the rendered
 * digest mentions no one, keeps its own markup intact and links only to http(s) pages.
 */
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/buildDigest.js';
import type { Digest } from '../../src/digest/digest.js';
import { renderDiscord } from '../../src/digest/render/discord.js';
import { discordMessageViolations, slackMessageViolations } from '../../src/digest/render/limits.js';
import type { SlackMessage } from '../../src/digest/render/messages.js';
import { renderSlack } from '../../src/digest/render/slack.js';
import { renderText } from '../../src/digest/render/text.js';
import { PERIOD, article, figure } from './fixtures.js';

const ZWSP = '\u200b';

const MENTIONS_TITLE = '@everyone @here <!channel> <!here> <!everyone> @channel <@123> <@!456> <@&789> <#555> <@U0123ABC> <#C0123|general>';
const MARKUP_TITLE =
  '**markdown** __underline__ ~~strike~~ ||spoiler|| *bold* _italic_ ~tilde~ > quote\n```js\nfence``` `</script>` ' +
  '[click me](https://evil.example/phish) <https://evil.example|click> AT&T';

const feed = { feedId: 1, feedUrl: 'https://feeds.example/hostile.xml', name: '@everyone <@&1> **Feed** <!channel>' };

function hostileDigest(): Digest {
  const mentions = article({
    id: 1,
    title: MENTIONS_TITLE,
    published: '2024-10-21T10:00:00Z',
    link: 'javascript:alert(document.cookie)',
    summary: '<script>alert(1)</script> @everyone',
    sources: [feed],
  });
  const markup = article({ id: 4, title: MARKUP_TITLE, published: '2024-10-21T10:30:00Z', link: 'https://news.example/ok(1)', sources: [feed] });
  const credentialed = article({
    id: 2,
    title: 'A link that pretends to be a bank',
    published: '2024-10-21T09:00:00Z',
    link: 'https://bank.example@evil.example/login',
    sources: [feed],
  });
  const dataLink = article({ id: 3, title: 'A data: link', published: '2024-10-21T08:30:00Z', link: 'data:text/html,<b>x</b>', sources: [feed] });
  return buildDigest({
    channelKey: 'discord:1',
    title: 'Digest for @everyone <!channel> <@123>',
    ...PERIOD,
    articles: [mentions, markup, credentialed, dataLink],
    figures: [
      figure({
        id: 1,
        articleId: 1,
        value: 58e9,
        unit: 'USD',
        category: 'aid',
        actor: '@here <@&42>',
        qualifier: 'more_than',
        cumulative: true,
        published: '2024-10-21T10:00:00Z',
        sourceName: '<!channel> **VOA**',
        articleLink: 'javascript:alert(1)',
      }),
    ],
    previousFigures: new Map(),
    topics: [],
    subscriptions: { topics: [], feeds: [feed.feedUrl] },
    maxArticles: 25,
  });
}

function discordTexts(): string[] {
  return renderDiscord(hostileDigest()).flatMap((m) => [m.content ?? '', ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? ''])]);
}

/** The fallback text and every mrkdwn text of the messages. */
function slackTexts(messages: SlackMessage[]): string[] {
  return messages.flatMap((m) => [
    m.text,
    ...m.blocks.flatMap((b) => (b.type === 'section' ? [b.text?.text ?? ''] : b.type === 'context' ? b.elements.map((e) => e.text) : [])),
  ]);
}

describe('hostile feed text on Discord', () => {
  it('switches mentions off on every message', () => {
    for (const m of renderDiscord(hostileDigest())) {
      expect(m.allowed_mentions).toEqual({ parse: [] });
      expect(discordMessageViolations(m)).toEqual([]);
    }
  });

  it('renders mention attempts in a title as inert text', () => {
    const all = discordTexts().join('\n');
    const expected =
      `@${ZWSP}everyone @${ZWSP}here \\<${ZWSP}!channel\\> \\<${ZWSP}!here\\> \\<${ZWSP}!everyone\\> @${ZWSP}channel \\<${ZWSP}@${ZWSP}123\\> \\<${ZWSP}@${ZWSP}!456\\> \\<${ZWSP}@${ZWSP}&789\\> ` +
      `\\<${ZWSP}#555\\> \\<${ZWSP}@${ZWSP}U0123ABC\\> \\<${ZWSP}#C0123\\|general\\>`;
    expect(all).toContain(`• **${expected}** · `);
  });

  it('renders markdown, fences, HTML and masked links in a title as escaped text, the item link intact', () => {
    const all = discordTexts().join('\n');
    const expected =
      `\\*\\*markdown\\*\\* \\_\\_underline\\_\\_ \\~\\~strike\\~\\~ \\|\\|spoiler\\|\\| ` +
      `\\*bold\\* \\_italic\\_ \\~tilde\\~ \\> quote \\\`\\\`\\\`js fence\\\`\\\`\\\` \\\`\\<${ZWSP}/script\\>\\\` \\[click me\\](https://evil.example/phish) ` +
      `\\<${ZWSP}https://evil.example\\|click\\> AT&T`;
    expect(all).toContain(`• **[${expected}](https://news.example/ok%281%29)** · `);
  });

  it('leaves no mention syntax anywhere: no @everyone, @here, <@id>, <@&id>, <#id>', () => {
    for (const text of discordTexts()) {
      expect(text).not.toMatch(/@(everyone|here)/i);
      expect(text).not.toMatch(/<@[!&]?\d/);
      expect(text).not.toMatch(/<#\d/);
      expect(text).not.toMatch(/(?<!\\)<[@#!/]/);
    }
  });

  it('makes no link of javascript:, data: or credentialed URLs', () => {
    const all = discordTexts().join('\n');
    expect(all).not.toMatch(/\]\((?!https:\/\/)/);
    expect(all).not.toContain('javascript:');
    expect(all).not.toContain('data:text');
    expect(all).not.toContain('bank.example@');
    expect(all).toContain('• **A link that pretends to be a bank** · ');
  });

  it('keeps feed names and figure labels inert too', () => {
    const all = discordTexts().join('\n');
    expect(all).toContain(`@${ZWSP}everyone \\<${ZWSP}@${ZWSP}&1\\> \\*\\*Feed\\*\\* \\<${ZWSP}!channel\\>`);
    expect(all).toContain(`**Aid (@${ZWSP}here \\<${ZWSP}@${ZWSP}&42\\>)**: more than $58 billion (\\<${ZWSP}!channel\\> \\*\\*VOA\\*\\*, 21 Oct)`);
  });

  it('keeps the digest title free of mention syntax where Discord shows it without markdown', () => {
    const title = renderDiscord(hostileDigest())[0]!.embeds[0]!.title!;
    expect(title).toBe(`Digest for @${ZWSP}everyone <${ZWSP}!channel> <${ZWSP}@${ZWSP}123>`);
  });
});

describe('hostile feed text on Slack', () => {
  it('renders mention attempts in a title with &, < and > entity-encoded', () => {
    const all = slackTexts(renderSlack(hostileDigest())).join('\n');
    const expected =
      `@${ZWSP}everyone @${ZWSP}here &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; @${ZWSP}channel &lt;@123&gt; &lt;@!456&gt; &lt;@&amp;789&gt; &lt;#555&gt; ` +
      `&lt;@U0123ABC&gt; &lt;#C0123|general&gt;`;
    expect(all).toContain(`• *${expected}* · `);
  });

  it('renders markdown, fences and links in a title inert, with only &, < and > entity-encoded', () => {
    const all = slackTexts(renderSlack(hostileDigest())).join('\n');
    const z = (c: string): string => `${ZWSP}${c}${ZWSP}`;
    const expected =
      `${z('*')}${z('*')}markdown${z('*')}${z('*')} ${z('_')}${z('_')}underline${z('_')}${z('_')} ` +
      `${z('~')}${z('~')}strike${z('~')}${z('~')} ∣∣spoiler∣∣ ${z('*')}bold${z('*')} ${z('_')}italic${z('_')} ${z('~')}tilde${z('~')} &gt; quote ` +
      `ˋˋˋjs fenceˋˋˋ ˋ&lt;/script&gt;ˋ [click me](https://evil.example/phish) &lt;https://evil.example∣click&gt; AT&amp;T`;
    expect(all).toContain(`• *<https://news.example/ok(1)|${expected}>* · `);
  });

  it('leaves no Slack control sequence from feed text: every "<" opens one of our links or dates', () => {
    for (const text of slackTexts(renderSlack(hostileDigest()))) {
      for (const m of text.matchAll(/<([^>]*)>/g)) expect(m[1]).toMatch(/^(https?:\/\/[^|]+\|[^|]+|!date\^\d+\^\{date_short_pretty\} \{time\}\|[^|]+)$/);
      expect(text).not.toMatch(/@(channel|here|everyone)/i);
      expect(text).not.toContain('```');
    }
  });

  it('asks Slack not to parse mentions or links by itself', () => {
    for (const m of renderSlack(hostileDigest())) {
      expect(slackMessageViolations(m)).toEqual([]);
      for (const b of m.blocks) {
        if (b.type === 'section' && b.text?.type === 'mrkdwn') expect(b.text.verbatim).toBe(true);
        if (b.type === 'context') for (const e of b.elements) if (e.type === 'mrkdwn') expect(e.verbatim).toBe(true);
      }
    }
  });

  it('keeps the plain-text header free of mention syntax', () => {
    const header = renderSlack(hostileDigest())[0]!.blocks[0]!;
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: `Digest for @${ZWSP}everyone <${ZWSP}!channel> <${ZWSP}@123>`, emoji: true } });
  });

  it('escapes the notification fallback text as well', () => {
    const [message] = renderSlack(hostileDigest());
    expect(message!.text).toBe(`Digest for @${ZWSP}everyone &lt;!channel&gt; &lt;@123&gt;: 4 new articles`);
  });

  it('makes no link of javascript:, data: or credentialed URLs', () => {
    const all = slackTexts(renderSlack(hostileDigest())).join('\n');
    expect(all).not.toContain('javascript:');
    expect(all).not.toContain('data:text');
    expect(all).not.toContain('bank.example@');
    expect(all).toContain('• *A link that pretends to be a bank* · ');
  });
});

describe('hostile feed text on the console', () => {
  it('strips terminal escapes and line breaks so a title cannot forge lines or colours', () => {
    const d = hostileDigest();
    d.sections[0]!.items[0]!.title = 'Red \u001b[31malert\u001b[0m\r\nFAKE LINE\u202eevil';
    const text = renderText(d);
    expect(text).not.toMatch(/[\u001b\r\u202e]/);
    expect(text).toContain('  • Red alert FAKE LINEevil\n');
  });

  it('prints no javascript: link', () => {
    expect(renderText(hostileDigest())).not.toContain('javascript:');
  });
});
