/**
 * An alert message as one Slack message: a header (what crossed), a section with the new value, the
 * value before and the quote, and a context line with the source, the report's link and how to stop
 * the alert. mrkdwn is verbatim and stranger text escaped (escapeSlack), so nothing in a report can
 * mention anyone; every part is capped within Block Kit's limits.
 */
import { escapeSlack, fitEscaped, neutralizeSlackPlain, slackLink, toPlainLine, truncate } from '../../digest/render/escape.js';
import { dayInWords } from '../../time/timeWords.js';
import { SLACK_LIMITS } from '../../digest/render/limits.js';
import type { SlackMessage, SlackMrkdwn } from '../../digest/render/messages.js';
import type { AlertMessage } from '../alertMessage.js';
import { stopLine } from '../alertMessage.js';

const MAX_QUOTE = 1500;
const MAX_TITLE = 600;
const MAX_SOURCE = 200;

const mrkdwn = (text: string): SlackMrkdwn => ({ type: 'mrkdwn', text, verbatim: true });

export function renderAlertSlack(m: AlertMessage): SlackMessage {
  const date = dayInWords(m.published, m.timezone);
  const headline = `Alert: ${toPlainLine(m.headline)}`;
  const before = m.previous ? `${escapeSlack(m.previous.value)} (${escapeSlack(dayInWords(m.previous.published, m.timezone))})` : 'no earlier value reported';
  const body = [
    `*Now:* ${escapeSlack(m.value)}${m.period ? ` ${escapeSlack(m.period)}` : ''}`,
    `*Before:* ${before}`,
    `>${fitEscaped(toPlainLine(m.quote), MAX_QUOTE, escapeSlack)}`,
  ].join('\n');
  const report = slackLink(fitEscaped(toPlainLine(m.title), MAX_TITLE, escapeSlack), m.link);
  const source = m.source ? `${fitEscaped(toPlainLine(m.source), MAX_SOURCE, escapeSlack)}, ${escapeSlack(date)}` : escapeSlack(date);
  return {
    // The notification: plain words, escaped like everything else Slack may read as mrkdwn.
    text: fitEscaped(`${headline}: ${m.value}`, 1000, escapeSlack),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(neutralizeSlackPlain(headline), SLACK_LIMITS.headerText), emoji: false } },
      { type: 'section', text: mrkdwn(body) },
      { type: 'context', elements: [mrkdwn(`${report} · ${source}`), mrkdwn(escapeSlack(stopLine(m)))] },
    ],
  };
}
