/**
 * The digest as Slack Block Kit messages: a header block (title), a context line (counts), a
 * "Key figures" section, then a section per topic with one line per item. Packed within Slack's
 * limits (see limits.ts): a long digest continues in further messages, an item is never cut in half,
 * and every message carries a `text` fallback for notifications.
 *
 * mrkdwn text objects are sent with `verbatim: true`: Slack then does no mention parsing or
 * auto-linking of its own, and only our explicit <url|text> markup has effect. Times are written in
 * the channel's zone in words ("Mon 21 Oct, 14:05 Kyiv time"), as the channel's schedule is.
 */
import type { Digest, DigestFigure, DigestItem } from '../digest.js';
import { escapeSlack, fitEscaped, neutralizeSlackPlain, slackLink, toPlainLine, truncate } from './escape.js';
import { SLACK_LIMITS } from './limits.js';
import type { SlackBlock, SlackMessage, SlackMrkdwn, SlackSectionBlock } from './messages.js';
import { changeText, continued, countLine, dayText, isEmptyDigest, omittedNote, readingTimeOf, summaryLine, whenText, KEY_FIGURES_HEADING, MAX_HEADING, MAX_SOURCE_NAME, MAX_TITLE, shownSources, type ReadingTime } from './wording.js';

export type { SlackBlock, SlackMessage } from './messages.js';

/** Escaped lengths: "&" alone is five characters in Slack, so escaped text is capped, not only plain text. */
const MAX_ESCAPED_TITLE = 600;
const MAX_ESCAPED_SOURCE = 100;
const MAX_ESCAPED_LABEL = 200;
const MAX_ESCAPED_SUMMARY = 500;
const MAX_ESCAPED_HEADING = 200;
/** A link target longer than this (after Slack's escaping) is left out; the item keeps its title. */
const MAX_LINK_TARGET = 1500;
/** Room for a heading line ("*Heading (continued)*\n") at the top of a section. */
const MAX_LINE = SLACK_LIMITS.sectionText - (MAX_ESCAPED_HEADING + 20);
/** Room kept in every message for " · part 2 of 3", added once the number of parts is known. */
const PART_RESERVE = 40;
const MESSAGE_BUDGET = SLACK_LIMITS.blockCharacters - PART_RESERVE;

function mrkdwn(text: string): SlackMrkdwn {
  return { type: 'mrkdwn', text, verbatim: true };
}

function link(escapedText: string, url: string | null): string {
  const made = slackLink(escapedText, url);
  return made.length - escapedText.length > MAX_LINK_TARGET ? escapedText : made;
}

export function slackItemLine(item: DigestItem, rt: ReadingTime, withLink = true): string {
  const title = fitEscaped(truncate(toPlainLine(item.title), MAX_TITLE), MAX_ESCAPED_TITLE, escapeSlack);
  const { names, more } = shownSources(item.sources);
  const sources =
    names.map((n) => fitEscaped(truncate(toPlainLine(n), MAX_SOURCE_NAME), MAX_ESCAPED_SOURCE, escapeSlack)).join(', ') + (more > 0 ? ` +${more} more` : '');
  const meta = [sources, escapeSlack(whenText(item.published, rt))].filter((s) => s !== '').join(' · ');
  const summary = item.summary ? `\n${fitEscaped(toPlainLine(item.summary), MAX_ESCAPED_SUMMARY, escapeSlack)}` : '';
  const line = `• *${withLink ? link(title, item.link) : title}* · ${meta}${summary}`;
  return line.length > MAX_LINE && withLink ? slackItemLine(item, rt, false) : line;
}

export function slackFigureLine(f: DigestFigure, rt: ReadingTime): string {
  const label = fitEscaped(toPlainLine(f.label), MAX_ESCAPED_LABEL, escapeSlack);
  const date = escapeSlack(dayText(f.published, rt));
  const source = f.source ? fitEscaped(truncate(toPlainLine(f.source), MAX_SOURCE_NAME), MAX_ESCAPED_SOURCE, escapeSlack) : null;
  const attribution = source ? `${link(source, f.link)}, ${date}` : link(date, f.link);
  const change = changeText(f, rt);
  return `• *${label}*: ${escapeSlack(f.text)} (${attribution})${change ? `, ${escapeSlack(change)}` : ''}`;
}

interface Group {
  /** Escaped heading text, without the surrounding asterisks. */
  heading: string;
  lines: string[];
}

interface Part {
  blocks: SlackBlock[];
  size: number;
}

/** Fills sections line by line and messages block by block, within every limit. */
class BlockPacker {
  readonly parts: Part[] = [];
  private section: SlackSectionBlock | null = null;
  private group: Group | null = null;

  constructor(private readonly startPart: (index: number) => SlackBlock[]) {
    this.newPart();
  }

  private get part(): Part {
    return this.parts[this.parts.length - 1]!;
  }

  private newPart(): void {
    const blocks = this.startPart(this.parts.length);
    this.parts.push({ blocks, size: blocks.reduce((n, b) => n + blockTextLength(b), 0) });
    this.section = null;
  }

  add(group: Group, line: string): void {
    if (line.length > MAX_LINE) throw new Error(`renderSlack: a line of ${line.length} characters cannot fit a section`);
    if (this.section && this.group === group) {
      const text = this.section.text!.text;
      const cost = 1 + line.length;
      if (text.length + cost <= SLACK_LIMITS.sectionText && this.part.size + cost <= MESSAGE_BUDGET) {
        this.section.text!.text = `${text}\n${line}`;
        this.part.size += cost;
        return;
      }
      // The same group goes on in a new section: in this message if it has room, else in the next.
      if (this.part.blocks.length + 1 <= SLACK_LIMITS.blocksPerMessage && this.part.size + line.length <= MESSAGE_BUDGET) {
        this.push(line, false);
        return;
      }
      this.newPart();
      this.push(`*${continued(group.heading)}*\n${line}`, false);
      return;
    }
    this.group = group;
    const first = `*${group.heading}*\n${line}`;
    const needsDivider = this.part.blocks.some((b) => b.type === 'section');
    if (this.part.blocks.length + (needsDivider ? 2 : 1) > SLACK_LIMITS.blocksPerMessage || this.part.size + first.length > MESSAGE_BUDGET) {
      this.newPart();
      this.push(first, false);
      return;
    }
    this.push(first, needsDivider);
  }

  private push(text: string, divider: boolean): void {
    if (divider) this.part.blocks.push({ type: 'divider' });
    this.section = { type: 'section', text: mrkdwn(text) };
    this.part.blocks.push(this.section);
    this.part.size += text.length;
  }
}

function blockTextLength(b: SlackBlock): number {
  switch (b.type) {
    case 'header':
      return b.text.text.length;
    case 'section':
      return (b.text?.text.length ?? 0) + (b.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    case 'context':
      return b.elements.reduce((n, e) => n + e.text.length, 0);
    default:
      return 0;
  }
}

export function renderSlack(digest: Digest): SlackMessage[] {
  const rt = readingTimeOf(digest);
  const plainTitle = toPlainLine(digest.title);
  const header: SlackBlock = { type: 'header', text: { type: 'plain_text', text: truncate(neutralizeSlackPlain(plainTitle || 'Digest'), SLACK_LIMITS.headerText), emoji: true } };
  const title = fitEscaped(truncate(plainTitle, MAX_HEADING), MAX_ESCAPED_HEADING, escapeSlack);
  const since = escapeSlack(whenText(digest.periodStart, rt));

  if (isEmptyDigest(digest)) {
    return [{ text: `${title}: nothing new since ${since}.`, blocks: [header, { type: 'section', text: mrkdwn(`Nothing new since ${since}.`) }] }];
  }

  const omitted = omittedNote(digest);
  const counts = escapeSlack(`${countLine(digest)}${omitted ? `, ${omitted}` : ''}`);
  const packer = new BlockPacker((index) =>
    index === 0
      ? [header, { type: 'context', elements: [mrkdwn(summaryLine(digest, since, escapeSlack))] }]
      : [{ type: 'context', elements: [mrkdwn(`${continued(title)}`)] }],
  );
  if (digest.figures.length > 0) {
    const group = { heading: KEY_FIGURES_HEADING, lines: digest.figures.map((f) => slackFigureLine(f, rt)) };
    for (const line of group.lines) packer.add(group, line);
  }
  for (const section of digest.sections) {
    if (section.items.length === 0) continue;
    const heading = fitEscaped(truncate(toPlainLine(section.heading), MAX_HEADING), MAX_ESCAPED_HEADING, escapeSlack);
    const group = { heading, lines: section.items.map((item) => slackItemLine(item, rt)) };
    for (const line of group.lines) packer.add(group, line);
  }

  const parts = packer.parts;
  return parts.map((part, i) => {
    const partNote = parts.length > 1 ? ` · part ${i + 1} of ${parts.length}` : '';
    const context = part.blocks.find((b) => b.type === 'context');
    if (context && partNote) context.elements[0]!.text += partNote;
    return { text: `${title}: ${counts}${partNote.replace(' · ', ', ')}`, blocks: part.blocks };
  });
}
