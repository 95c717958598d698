import { describe, expect, it } from 'vitest';
import { escapeSlackText, slackReplyMessage } from '../../../src/platforms/slack/slackText.js';

describe('reply text for Slack is as strict as a digest', () => {
  it('defuses bare @channel, @here and @everyone, not other @words', () => {
    expect(escapeSlackText('@channel look, @here too, @Everyone; mail me@example.org')).toBe('@\u200bchannel look, @\u200bhere too, @\u200bEveryone; mail me@example.org');
  });

  it('escapes Slack control characters so <!channel> and <@U1> stay text', () => {
    expect(escapeSlackText('<!channel> <@U123> & more')).toBe('&lt;!channel&gt; &lt;@U123&gt; &amp; more');
  });

  it('drops bidi overrides and isolates, keeping the line breaks', () => {
    expect(escapeSlackText('Total \u202e0.5$\u202c\nsince \u2067 2022')).toBe('Total 0.5$\nsince  2022');
  });

  it('breaks a credential-style link (https://bank.example@evil.example/) so Slack does not link it', () => {
    const { text } = slackReplyMessage({ text: 'source: https://bank.example@evil.example/x', ephemeral: false });
    expect(text).toBe('source: https:/\u200b/bank.example@evil.example/x');
  });

  it('leaves ordinary links as they are', () => {
    expect(escapeSlackText('source: https://news.example/a?b=1')).toBe('source: https://news.example/a?b=1');
  });
});
