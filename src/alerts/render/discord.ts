/**
 * An alert message as one Discord message: an embed whose title is what crossed (linked to the
 * report), the new value and quote in the description, the value before and the source as fields.
 * Stranger text is escaped (escapeDiscord) and mentions are off; every part is capped within
 * Discord's limits.
 */
import { discordLink, escapeDiscord, fitEscaped, neutralizeDiscordPlain, safeHttpUrl, toPlainLine, truncate } from '../../digest/render/escape.js';
import { dayInWords } from '../../time/timeWords.js';
import { DISCORD_LIMITS } from '../../digest/render/limits.js';
import type { DiscordMessage } from '../../digest/render/messages.js';
import type { AlertMessage } from '../alertMessage.js';
import { stopLine } from '../alertMessage.js';

const COLOR = 0xd4833b;
const MAX_QUOTE = 1200;
const MAX_SOURCE = 200;

export function renderAlertDiscord(m: AlertMessage): DiscordMessage {
  const date = dayInWords(m.published, m.timezone);
  const title = truncate(neutralizeDiscordPlain(`Alert: ${m.headline}`), DISCORD_LIMITS.title);
  const quote = fitEscaped(toPlainLine(m.quote), MAX_QUOTE, escapeDiscord);
  const report = discordLink(fitEscaped(toPlainLine(m.title), 300, escapeDiscord), m.link);
  const description = `**${escapeDiscord(m.value)}**${m.period ? ` ${escapeDiscord(m.period)}` : ''}\n> ${quote}\n${report}`;
  const source = m.source ? `${fitEscaped(toPlainLine(m.source), MAX_SOURCE, escapeDiscord)}, ${escapeDiscord(date)}` : escapeDiscord(date);
  const before = m.previous ? `${escapeDiscord(m.previous.value)} (${escapeDiscord(dayInWords(m.previous.published, m.timezone))})` : 'no earlier value reported';
  const url = safeHttpUrl(m.link);
  return {
    embeds: [
      {
        title,
        ...(url ? { url } : {}),
        description,
        color: COLOR,
        fields: [
          { name: 'Before', value: before, inline: true },
          { name: 'Source', value: source, inline: true },
        ],
        footer: { text: truncate(neutralizeDiscordPlain(stopLine(m)), DISCORD_LIMITS.footerText) },
      },
    ],
    allowed_mentions: { parse: [] },
  };
}
