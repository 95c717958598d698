/** Checks one command option's text by its kind; the message says what is wrong and what is expected. */
import { cronError, feedUrlError, isValidTimeZone } from '../config/validators.js';
import type { OptionSpec } from './command.js';
import { ADD_EXAMPLE, readAlertValue } from '../alerts/alertRule.js';
import { readAlertId } from '../alerts/alertCommands.js';

const MAX_OPTION_CHARS = 500;

export function validateOption(option: OptionSpec, raw: string): string | null {
  if (raw.length > MAX_OPTION_CHARS) return `${option.name} is too long (${raw.length} characters; at most ${MAX_OPTION_CHARS})`;
  switch (option.kind) {
    case 'text':
      return null;
    case 'cron':
      return cronError(raw);
    case 'timezone':
      return isValidTimeZone(raw) ? null : `"${raw}" is not a known time zone; use an IANA name such as UTC, Europe/Kyiv or America/New_York`;
    case 'alert_condition':
      return option.choices?.includes(raw.toLowerCase()) === false ? `"${raw}" is not a condition; use ${option.choices.join(', ')}, e.g. ${ADD_EXAMPLE}` : null;
    case 'alert_value': {
      const read = readAlertValue(raw);
      return read.ok ? null : `${read.problem}, e.g. ${ADD_EXAMPLE}`;
    }
    case 'alert_id':
      return readAlertId(raw) === null ? `"${raw}" is not an alert id; give the number /alert list shows, e.g. /alert remove 3` : null;
    case 'topic_or_feed_url':
      // Anything with a scheme must be an http(s) URL; a bare word is a topic id, checked by the handler.
      return /^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^[a-z0-9_-]+$/i.test(raw) ? feedUrlError(raw) : null;
  }
}
