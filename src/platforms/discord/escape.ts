/**
 * Plain text made safe for a Discord message: markdown that would restyle or break it is escaped,
 * and mentions are defused so they neither ping (allowed_mentions does that) nor render as mentions.
 * Kept here until the shared src/digest/render/escape.ts covers replies; URLs are left intact so
 * links stay clickable.
 */
import { toPlainText } from '../../digest/render/escape.js';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>]+/g;
// Markdown Discord honours anywhere in a line; a backslash before any of them renders nothing.
const MARKDOWN = /[\\*_~`|[\]()]/g;
// Markdown that only means something at the start of a line: headings, quotes, lists.
const LINE_START = /^(\s*)(?:([#>-])|(\d+)\.(?=\s))/gm;

function escapeSegment(text: string): string {
  return (
    text
      .replace(MARKDOWN, '\\$&')
      .replace(LINE_START, (_m, space: string, marker?: string, digits?: string) => (marker ? `${space}\\${marker}` : `${space}${digits}\\.`))
      // <@id>, <@!id>, <@&role>, <#channel>, </cmd:id>, <t:...>: shown as typed, never as a mention.
      .replace(/</g, '\\<')
      // @everyone / @here: a zero-width space after the @ stops Discord from reading a mention.
      .replace(/@(everyone|here)/gi, '@\u200b$1')
  );
}

export function escapeDiscordText(raw: string): string {
  // No bidi controls or credential links either (toPlainText): replies are as strict as digests.
  const text = toPlainText(raw);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out += escapeSegment(text.slice(last, match.index));
    out += match[0];
    last = match.index + match[0].length;
  }
  return out + escapeSegment(text.slice(last));
}
