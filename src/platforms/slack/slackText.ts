/**
 * Text for Slack's markup. Slack reads `<...>` as mentions and links (`<!channel>`, `<@U123>`,
 * `<https://x|label>`) and `&` as the start of an entity; escaping exactly these three characters is
 * Slack's documented rule, and it leaves nothing for feed text to mention anyone with.
 */
import type { Reply } from '../../commands/command.js';
import { toPlainText } from '../../digest/render/escape.js';

/** Also: no bidi controls or credential links (toPlainText), and bare @channel/@here/@everyone defused. */
export function escapeSlackText(text: string): string {
  return toPlainText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=(?:channel|here|everyone)\b)/gi, '@\u200b');
}

/** Slack truncates message text past 40,000 characters; replies stay well inside it. */
const MAX_REPLY_CHARS = 39_000;

/** A command reply as a slash-command response (ack body or response_url POST). */
export interface SlackReplyMessage {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
}

export function slackReplyMessage(reply: Pick<Reply, 'text' | 'ephemeral'>): SlackReplyMessage {
  let text = escapeSlackText(reply.text);
  if (text.length > MAX_REPLY_CHARS) {
    // Cut on a line or word boundary, and never inside an entity such as &amp;.
    const cut = text.slice(0, MAX_REPLY_CHARS).replace(/&[a-z]{0,3}$/, '');
    const boundary = Math.max(cut.lastIndexOf('\n'), cut.lastIndexOf(' '));
    text = `${boundary > MAX_REPLY_CHARS * 0.8 ? cut.slice(0, boundary) : cut}\n…`;
  }
  return { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', text };
}
