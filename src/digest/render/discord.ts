/**
 * The digest as Discord messages: a header embed (title, counts), a "Key figures" embed, then one
 * embed per topic with one line per item. Packed within Discord's limits (see limits.ts): a long
 * digest continues in further messages, an item is never cut in half, and every message has
 * mentions switched off.
 */
import type { Digest, DigestFigure, DigestItem } from '../digest.js';
import { discordLink, escapeDiscord, fitEscaped, neutralizeDiscordPlain, safeHttpUrl, toPlainLine, truncate } from './escape.js';
import { DISCORD_LIMITS } from './limits.js';
import type { DiscordEmbed, DiscordMessage } from './messages.js';
import { changeText, continued, dayText, isEmptyDigest, readingTimeOf, summaryLine, whenText, KEY_FIGURES_HEADING, MAX_HEADING, MAX_SOURCE_NAME, MAX_TITLE, shownSources, type ReadingTime } from './wording.js';

export type { DiscordEmbed, DiscordMessage } from './messages.js';

const COLOR = 0x3b6fd4;
/** Room kept in every message for the "Part 2 of 3" footer added once the number of parts is known. */
const FOOTER_RESERVE = 40;
const MESSAGE_BUDGET = DISCORD_LIMITS.embedCharacters - FOOTER_RESERVE;
const MAX_ESCAPED_LABEL = 200;
const MAX_ESCAPED_SUMMARY = 420;
/** Embed urls longer than this are left out (the item lines keep their links). */
const MAX_EMBED_URL = 2048;

/** A fresh object per message, so no caller can change another message's setting. */
function noMentions(): { parse: [] } {
  return { parse: [] };
}

/** In the channel's zone in words, like its schedule: "Mon 21 Oct, 14:05 Kyiv time". */
function discordTime(iso: string, rt: ReadingTime): string {
  return escapeDiscord(whenText(iso, rt));
}

function embedTitle(text: string, max: number): string {
  return truncate(neutralizeDiscordPlain(text), max);
}

export function discordItemLine(item: DigestItem, rt: ReadingTime): string {
  // Escaping at most doubles a character, so the title stays within 2 × MAX_TITLE.
  const title = escapeDiscord(truncate(toPlainLine(item.title), MAX_TITLE));
  const { names, more } = shownSources(item.sources);
  const sources = names.map((n) => escapeDiscord(truncate(toPlainLine(n), MAX_SOURCE_NAME))).join(', ') + (more > 0 ? ` +${more} more` : '');
  const meta = [sources, discordTime(item.published, rt)].filter((s) => s !== '').join(' · ');
  // In italics: the line then starts with our "_", so feed text can never start a line ("# ", "> ").
  const summary = item.summary ? `\n_${fitEscaped(toPlainLine(item.summary), MAX_ESCAPED_SUMMARY, escapeDiscord)}_` : '';
  return `• **${discordLink(title, item.link)}** · ${meta}${summary}`;
}

export function discordFigureLine(f: DigestFigure, rt: ReadingTime): string {
  const label = fitEscaped(f.label, MAX_ESCAPED_LABEL, escapeDiscord);
  const date = escapeDiscord(dayText(f.published, rt));
  const attribution = f.source ? `${discordLink(escapeDiscord(truncate(toPlainLine(f.source), MAX_SOURCE_NAME)), f.link)}, ${date}` : discordLink(date, f.link);
  const change = changeText(f, rt);
  return `• **${label}**: ${escapeDiscord(f.text)} (${attribution})${change ? `, ${escapeDiscord(change)}` : ''}`;
}

interface Group {
  title: string;
  lines: string[];
  /** Shown by Discord under the embed in each reader's own time: the newest item's time, or the digest's. */
  timestamp: string;
  /** Where the embed's title leads: its lead story (the newest item, or the first figure's report). */
  url: string | null;
}

/** An embed's url must be a plain http(s) URL that Discord accepts; anything else is left out. */
function embedUrl(url: string | null | undefined): string | null {
  const safe = safeHttpUrl(url);
  return safe && safe.length <= MAX_EMBED_URL ? safe : null;
}

/** Discord wants an ISO 8601 timestamp; an unreadable one falls back to the digest's end. */
function embedTimestamp(iso: string, fallback: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString();
}

/** Fills embeds line by line and embeds message by message, within every limit. */
class EmbedPacker {
  readonly messages: DiscordEmbed[][] = [[]];
  private size = 0;
  private embed: DiscordEmbed | null = null;
  private group: Group | null = null;

  add(group: Group, line: string): void {
    if (this.embed && this.group === group) {
      const description = this.embed.description ?? '';
      const cost = 1 + line.length;
      if (description.length + cost <= DISCORD_LIMITS.description && this.size + cost <= MESSAGE_BUDGET) {
        this.embed.description = `${description}\n${line}`;
        this.size += cost;
        return;
      }
      this.open(embedTitle(continued(group.title), DISCORD_LIMITS.title), line, group);
    } else {
      this.open(embedTitle(group.title, DISCORD_LIMITS.title), line, group);
    }
    this.group = group;
  }

  private open(title: string, line: string, group: Group): void {
    if (line.length > DISCORD_LIMITS.description || title.length + line.length > MESSAGE_BUDGET) {
      // Lines are built short enough (titles, names and URLs are capped); this guards the invariant.
      throw new Error(`renderDiscord: a line of ${line.length} characters cannot fit an embed`);
    }
    const cost = title.length + line.length;
    const current = this.messages[this.messages.length - 1]!;
    if (current.length >= DISCORD_LIMITS.embedsPerMessage || this.size + cost > MESSAGE_BUDGET) {
      this.messages.push([]);
      this.size = 0;
    }
    this.embed = { title, description: line, color: COLOR, timestamp: group.timestamp, ...(group.url ? { url: group.url } : {}) };
    this.messages[this.messages.length - 1]!.push(this.embed);
    this.size += cost;
  }
}

export function renderDiscord(digest: Digest): DiscordMessage[] {
  const rt = readingTimeOf(digest);
  const title = truncate(toPlainLine(digest.title), MAX_HEADING);
  const since = discordTime(digest.periodStart, rt);
  if (isEmptyDigest(digest)) {
    const timestamp = embedTimestamp(digest.periodEnd, new Date(0).toISOString());
    return [{ embeds: [{ title: embedTitle(title, DISCORD_LIMITS.title), description: `Nothing new since ${since}.`, color: COLOR, timestamp }], allowed_mentions: noMentions() }];
  }

  const end = embedTimestamp(digest.periodEnd, new Date(0).toISOString());
  const lead = digest.sections.find((sec) => sec.items.length > 0)?.items[0];
  const groups: Group[] = [{ title, lines: [summaryLine(digest, since, escapeDiscord)], timestamp: end, url: embedUrl(lead?.link) }];
  if (digest.figures.length > 0) {
    groups.push({ title: KEY_FIGURES_HEADING, lines: digest.figures.map((f) => discordFigureLine(f, rt)), timestamp: end, url: embedUrl(digest.figures.find((f) => f.link)?.link) });
  }
  for (const section of digest.sections) {
    const newest = section.items[0];
    if (!newest) continue;
    groups.push({
      title: truncate(toPlainLine(section.heading), MAX_HEADING),
      lines: section.items.map((item) => discordItemLine(item, rt)),
      timestamp: embedTimestamp(newest.published, end),
      url: embedUrl(newest.link),
    });
  }

  const packer = new EmbedPacker();
  for (const group of groups) for (const line of group.lines) packer.add(group, line);

  const parts = packer.messages;
  return parts.map((embeds, i) => {
    if (parts.length > 1) embeds[embeds.length - 1]!.footer = { text: `Part ${i + 1} of ${parts.length}` };
    return { embeds, allowed_mentions: noMentions() };
  });
}
