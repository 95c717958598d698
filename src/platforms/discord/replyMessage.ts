/**
 * A command Reply as a Discord message body (interaction response data, webhook edit or follow-up).
 * Short replies are plain content (≤ 2000 characters); longer ones go into embed descriptions,
 * which hold 4096 each and 6000 across a message. Mentions are always suppressed.
 */
import { MessageFlags, type APIEmbed, type RawFile } from 'discord.js';
import type { Reply } from '../../commands/command.js';
import { neutralizeDiscordPlain } from '../../digest/render/escape.js';
import { escapeDiscordText } from './escape.js';

export const MAX_CONTENT = 2000;
export const MAX_EMBED_DESCRIPTION = 4096;
export const MAX_EMBED_TOTAL = 6000;
const EMBED_COLOR = 0x2b6cb0;
const CUT_NOTE = '\n… (cut short: the reply was longer than one Discord message holds)';

export interface DiscordReplyBody {
  content?: string;
  embeds: APIEmbed[];
  allowed_mentions: { parse: [] };
  /** EPHEMERAL (64) when only the invoking user should see it. */
  flags?: number;
  /** Uploaded files, each naming the index of its `files[n]` part. */
  attachments?: Array<{ id: number; filename: string; description?: string }>;
}

/** A file sent with a reply as a multipart `files[n]` part. */
export interface DiscordFile {
  name: string;
  data: Buffer;
  contentType: string;
  /** Alt text, shown to screen readers (attachment description, at most 1024 characters). */
  description?: string;
}

/** discord.js REST sends each file as a `files[n]` part and the body as `payload_json`. */
export const toRawFile = (f: DiscordFile): RawFile => ({ name: f.name, data: f.data, contentType: f.contentType });

const MAX_EMBED_TITLE = 256;
const MAX_ATTACHMENT_DESCRIPTION = 1024;

/**
 * A reply that carries a chart: one embed titled with the series, its points as the description,
 * the picture as the embed image (`attachment://chart.png`), and the PNG as files[0].
 */
export function chartReplyMessage(reply: Reply): { body: DiscordReplyBody; files: DiscordFile[] } {
  const chart = reply.chart!;
  const points = chart.fallbackText.split('\n').slice(1).join('\n');
  const description = escapeDiscordText(points);
  const embed: APIEmbed = {
    // Embed titles show backslashes, so the title is only kept free of mentions, as digest titles are.
    title: neutralizeDiscordPlain(chart.title).slice(0, MAX_EMBED_TITLE),
    color: EMBED_COLOR,
    image: { url: `attachment://${chart.filename}` },
    ...(description !== '' ? { description: description.length <= MAX_EMBED_DESCRIPTION ? description : `${description.slice(0, MAX_EMBED_DESCRIPTION - 2)}\n…` } : {}),
  };
  const alt = chart.altText.slice(0, MAX_ATTACHMENT_DESCRIPTION);
  return {
    body: { embeds: [embed], allowed_mentions: { parse: [] }, attachments: [{ id: 0, filename: chart.filename, description: alt }] },
    files: [{ name: chart.filename, data: chart.png, contentType: 'image/png', description: alt }],
  };
}

/** Splits text into pieces of at most `max` characters, at a line break (else a space) when there is one. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    // Never split an escape sequence ("\*") from the character it escapes.
    if (rest[cut - 1] === '\\') cut -= 1;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

export function replyMessage(reply: Reply): DiscordReplyBody {
  const text = escapeDiscordText(reply.text.trim() === '' ? '(no reply)' : reply.text);
  const body: DiscordReplyBody = { embeds: [], allowed_mentions: { parse: [] } };
  if (reply.ephemeral) body.flags = MessageFlags.Ephemeral;
  if (text.length <= MAX_CONTENT) {
    body.content = text;
    return body;
  }
  const fits = text.length <= MAX_EMBED_TOTAL ? text : `${text.slice(0, MAX_EMBED_TOTAL - CUT_NOTE.length).replace(/\\$/, '')}${CUT_NOTE}`;
  body.embeds = splitText(fits, MAX_EMBED_DESCRIPTION).map((description) => ({ description, color: EMBED_COLOR }));
  return body;
}
