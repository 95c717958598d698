import { describe, expect, it } from 'vitest';
import { escapeDiscordText } from '../../../src/platforms/discord/escape.js';
import { replyMessage, MAX_CONTENT } from '../../../src/platforms/discord/replyMessage.js';
import { checkMessageBody, pingsOf } from '../../fakes/discord/index.js';

describe('escaping reply text for Discord', () => {
  it('defuses @everyone and @here with a zero-width space', () => {
    expect(escapeDiscordText('hello @everyone and @here')).toBe('hello @\u200beveryone and @\u200bhere');
  });

  it('shows user, role and channel mentions as typed instead of as mentions', () => {
    const text = escapeDiscordText('ping <@123> <@&456> <#789>');
    expect(text).toBe('ping \\<@123> \\<@&456> \\<#789>');
    expect(pingsOf(text, null, ['users', 'roles', 'everyone'])).toEqual({ everyone: false, users: [], roles: [] });
  });

  it('escapes markdown that would restyle the text', () => {
    expect(escapeDiscordText('**bold** _it_ ~~s~~ `code` ||spoiler|| [x](y)')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`code\\` \\|\\|spoiler\\|\\| \\[x\\]\\(y\\)');
  });

  it('escapes headings, quotes and lists only at the start of a line', () => {
    expect(escapeDiscordText('# big\n> quote\n- item\n1. first\nA-B #1')).toBe('\\# big\n\\> quote\n\\- item\n1\\. first\nA-B #1');
  });

  it('leaves URLs intact so links still work', () => {
    expect(escapeDiscordText('see https://news.example/a_b_(c)?x=*1* now_ok')).toBe('see https://news.example/a_b_(c)?x=*1* now\\_ok');
  });
});

describe('reply text is as strict as a digest', () => {
  it('drops bidi overrides and isolates, and terminal escapes, keeping the line breaks', () => {
    expect(escapeDiscordText('aid \u202eoilop\u202c rose\nto \u2066$5bn\u2069 \u001b[31mnow')).toBe('aid oilop rose\nto $5bn now');
  });

  it('a link whose host hides behind credentials (bank@evil) is broken so Discord links nothing', () => {
    const text = escapeDiscordText('read https://bank.example@evil.example/login today');
    expect(text).toBe('read https:/\u200b/bank.example@evil.example/login today');
    expect(text).not.toMatch(/https:\/\//);
  });
});

describe('a command reply as a Discord message', () => {
  it('is plain content with mentions off, ephemeral flag 64 when private', () => {
    expect(replyMessage({ text: 'Done.', ephemeral: true })).toEqual({ content: 'Done.', embeds: [], allowed_mentions: { parse: [] }, flags: 64 });
    expect(replyMessage({ text: 'Done.', ephemeral: false })).toEqual({ content: 'Done.', embeds: [], allowed_mentions: { parse: [] } });
  });

  it('moves a reply longer than 2000 characters into embeds that Discord accepts', () => {
    const text = Array.from({ length: 80 }, (_, i) => `Line ${i}: the figure was reported by several sources today.`).join('\n');
    expect(text.length).toBeGreaterThan(MAX_CONTENT);
    const body = replyMessage({ text, ephemeral: false });
    expect(body.content).toBeUndefined();
    expect(body.embeds.length).toBeGreaterThan(1);
    expect(body.embeds.map((e) => e.description).join('\n')).toBe(escapeDiscordText(text));
    expect(checkMessageBody(body, { requireContent: true, allowedFlags: 64 })).toBeNull();
  });

  it('cuts a reply past 6000 characters short, says so, and stays within the limits', () => {
    const body = replyMessage({ text: 'word '.repeat(3000), ephemeral: true });
    expect(body.embeds.at(-1)?.description).toMatch(/cut short/);
    expect(checkMessageBody(body, { requireContent: true, allowedFlags: 64 })).toBeNull();
  });

  it('never leaves an escape backslash dangling at a cut', () => {
    const body = replyMessage({ text: `${'a'.repeat(4095)}*${'b'.repeat(100)}`, ephemeral: false });
    for (const embed of body.embeds) expect(embed.description!.endsWith('\\')).toBe(false);
  });
});
