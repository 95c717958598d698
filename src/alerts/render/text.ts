/** An alert message as plain text (the console, and every platform's notification fallback). */
import { dayInWords } from '../../time/timeWords.js';
import { safeHttpUrl, toPlainLine, truncate } from '../../digest/render/escape.js';
import type { AlertMessage } from '../alertMessage.js';
import { stopLine } from '../alertMessage.js';

export function alertTextLines(m: AlertMessage): string[] {
  const date = dayInWords(m.published, m.timezone);
  const source = m.source ? `${toPlainLine(m.source)}, ${date}` : date;
  const lines = [
    `ALERT: ${toPlainLine(m.headline)}`,
    `Now: ${m.value}${m.period ? ` ${m.period}` : ''} (${source})`,
    m.previous ? `Before: ${m.previous.value} (${dayInWords(m.previous.published, m.timezone)})` : 'Before: no earlier value reported',
    `"${truncate(toPlainLine(m.quote), 600)}"`,
    `${truncate(toPlainLine(m.title), 256)}${safeHttpUrl(m.link) ? ` ${safeHttpUrl(m.link)}` : ''}`,
    stopLine(m),
  ];
  return lines;
}

export function renderAlertText(m: AlertMessage): string {
  return alertTextLines(m).join('\n');
}
