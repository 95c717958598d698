/**
 * Text from feeds is written by strangers. Before it goes into a message it is made inert for the
 * platform: it can never mention anyone (@everyone, @here, <!channel>, <@123>, <@&456>), never
 * open markup that swallows the rest of the message (``` fences, **bold**, masked links), and only
 * http(s) URLs ever become links.
 */

const ZWSP = '\u200b';

/** Longest URL we make a link of; longer ones are shown as plain items without a link. */
export const MAX_LINK_URL_LENGTH = 2048;

/**
 * One line of plain text: control characters (newlines, tabs, terminal escapes) become spaces,
 * bidirectional overrides and isolates (which can make text read backwards) and BOMs are dropped,
 * whitespace runs collapse.
 */
// Terminal escape sequences (CSI "ESC [ … m", OSC "ESC ] … BEL") go whole, not just their ESC.
const TERMINAL_ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]/g;
const BIDI_AND_BOM = /[\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function toPlainLine(text: string): string {
  return text
    .replace(TERMINAL_ESCAPES, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(BIDI_AND_BOM, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Text of several lines (a command reply), made inert like toPlainLine but keeping its line
 * breaks and indentation; a URL that must not become a link (credentials, as in
 * https://bank.example@evil.example/, or not http(s)) is broken after its "//" so no client links it.
 */
export function toPlainText(text: string): string {
  return text
    .replace(TERMINAL_ESCAPES, '')
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((line) => line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ').replace(BIDI_AND_BOM, '').trimEnd())
    .join('\n')
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s<>]+/gi, (url) => (safeHttpUrl(url) ? url : url.replace('//', `/${ZWSP}/`)));
}

/** Cuts at `max` UTF-16 units with "…", never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * Escapes plain text, shortening it first (with "…") until the escaped form fits `max`. Escapes
 * grow text ("&" is five characters in Slack), so the cut is made before escaping: an escape
 * sequence is never cut in half.
 */
export function fitEscaped(text: string, max: number, escape: (s: string) => string): string {
  const full = escape(text);
  if (full.length <= max) return full;
  let lo = 0;
  let hi = Math.min(text.length, max);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (escape(truncate(text, mid)).length <= max) lo = mid;
    else hi = mid - 1;
  }
  return escape(truncate(text, lo));
}

// ------------------------------------------------------------------------------------- Discord

/**
 * Discord markdown escaped with backslashes (invisible when rendered): emphasis, underline, strike,
 * code, spoilers, quotes and masked links (with its brackets escaped no link can open, so
 * parentheses stay as they are). Line-start markup ("# ", "- ") cannot occur: feed text is made one
 * line and never starts a line of ours. "@" gets a zero-width space after it and "<" a backslash and
 * a zero-width space, so
 * @everyone, @here, <@123>, <@!123>, <@&123>, <#123>, <t:…> and </cmd:…> show as typed and notify
 * no one (allowed_mentions {parse: []} is the second lock on that door).
 */
export function escapeDiscord(text: string): string {
  return toPlainLine(text)
    .replace(/[\\*_~`|<>\[\]]/g, (c) => `\\${c}`)
    .replace(/@(?=\S)/g, `@${ZWSP}`)
    .replace(/<(?=\S)/g, `<${ZWSP}`);
}

/**
 * For places Discord shows without markdown (embed titles, footers, author names): no backslashes,
 * which would show, but still no mention syntax.
 */
export function neutralizeDiscordPlain(text: string): string {
  return toPlainLine(text)
    .replace(/@(?=\S)/g, `@${ZWSP}`)
    .replace(/<(?=\S)/g, `<${ZWSP}`);
}

/** A masked link `[text](url)` for Discord markdown; plain escaped text when the URL is not http(s). */
export function discordLink(escapedText: string, url: string | null | undefined): string {
  const safe = safeHttpUrl(url);
  if (!safe) return escapedText;
  // Parentheses and spaces would end the link target early ("|" could start a spoiler);
  // percent-encoding keeps the same URL.
  const target = safe.replace(/[()\s<>|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapedText}](${target})`;
}

// ------------------------------------------------------------------------------------- Slack

/**
 * Slack mrkdwn: "&", "<", ">" become &amp; &lt; &gt; (Slack's only control characters; nothing else
 * is entity-encoded), which makes <!channel>, <!here>, <@U123> and <url|text> inert. Slack has no
 * backslash escape, so *, _ and ~ get a zero-width space on each side (a marker can then neither
 * open nor close emphasis), backticks become the look-alike "ˋ" (U+02CB) so no ``` fence can swallow
 * the lines after it, and "@" before channel/here/everyone gets a zero-width space.
 */
export function escapeSlack(text: string): string {
  return toPlainLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~]/g, (c) => `${ZWSP}${c}${ZWSP}`)
    .replace(/`/g, '\u02cb')
    .replace(/@(?=(?:channel|here|everyone)\b)/gi, `@${ZWSP}`);
}

/**
 * For Slack plain_text (the header block): Slack does not parse it, but a zero-width space after
 * "<" and before channel/here/everyone keeps it inert should it ever be shown as mrkdwn.
 */
export function neutralizeSlackPlain(text: string): string {
  return toPlainLine(text)
    .replace(/<(?=\S)/g, `<${ZWSP}`)
    .replace(/@(?=(?:channel|here|everyone)\b)/gi, `@${ZWSP}`);
}

/** A link `<url|text>` for Slack mrkdwn; the escaped text alone when the URL is not http(s). */
export function slackLink(escapedText: string, url: string | null | undefined): string {
  const safe = safeHttpUrl(url);
  if (!safe) return escapedText;
  // "|" and ">" would end the URL part early; "&" is escaped like everywhere in Slack text.
  const target = safe.replace(/[|<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).replace(/&/g, '&amp;');
  // Slack ends the URL at the first "|"; one in the label is shown as the look-alike "∣" (U+2223) so
  // no reading of the label can take part of it for the URL.
  return `<${target}|${escapedText.replace(/\|/g, '\u2223')}>`;
}

// ------------------------------------------------------------------------------------- URLs

/**
 * The URL in canonical form when it may become a link: http or https, a host, no credentials
 * (https://bank.com@evil.example reads as the bank), not absurdly long. Otherwise null.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || url.trim() === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  const href = parsed.href;
  return href.length <= MAX_LINK_URL_LENGTH ? href : null;
}
