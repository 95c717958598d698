/** The one table of slash commands; the Discord and Slack adapters both translate it. */
import type { CommandSpec } from './command.js';

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'ask',
    description: 'Ask about the key figures in the news (e.g. "total aid to date")',
    options: [{ name: 'question', description: 'Your question', required: true, kind: 'text', suggest: 'questions', examplesWhenEmpty: true }],
    subcommands: [],
    admin: false,
  },
  {
    name: 'figures',
    description: 'The latest key figures, optionally for one topic, or a chart of one measure',
    options: [
      { name: 'topic', description: 'Topic id or name', required: false, kind: 'text', suggest: 'topics' },
      { name: 'chart', description: 'A measure to draw over time, e.g. "total US aid"', required: false, kind: 'text', slow: true },
    ],
    subcommands: [],
    admin: false,
  },
  {
    name: 'digest',
    description: 'Digests in this channel',
    options: [],
    // Discord can only gate a whole top-level command, so /digest carries MANAGE_GUILD; the admin flag
    // on each subcommand is what we check ourselves.
    admin: true,
    subcommands: [
      { name: 'now', description: 'Post a digest of what is new now', options: [], admin: false, slow: true },
      {
        name: 'subscribe',
        description: 'Subscribe this channel to a topic, a feed URL, or a web page that names its feed',
        options: [{ name: 'target', description: 'Topic id or name, http(s) feed URL, or a web page with a feed', required: true, kind: 'topic_or_feed_url' }],
        admin: true,
        slow: true,
      },
      {
        name: 'unsubscribe',
        description: 'Unsubscribe this channel from a topic or a feed URL',
        options: [{ name: 'target', description: 'Topic id or name, or feed URL', required: true, kind: 'topic_or_feed_url' }],
        admin: true,
      },
      {
        name: 'schedule',
        description: "Set this channel's digest schedule",
        options: [
          { name: 'cron', description: 'Cron expression, e.g. "0 8 * * *"', required: true, kind: 'cron' },
          { name: 'timezone', description: 'IANA time zone, e.g. Europe/Kyiv', required: false, kind: 'timezone' },
        ],
        admin: true,
      },
      { name: 'feeds', description: "List this channel's topics and feed URLs with their health", options: [], admin: true },
      { name: 'status', description: "This channel's schedule, next run, last digest and failures", options: [], admin: true },
    ],
  },
  {
    name: 'alert',
    description: 'Alerts in this channel when a key figure crosses a line or changes',
    options: [],
    // Like /digest: MANAGE_GUILD on the whole command on Discord, and each subcommand checked here.
    admin: true,
    subcommands: [
      {
        name: 'add',
        description: 'Tell this channel when a figure goes above or below a value, or changes',
        options: [
          { name: 'measure', description: 'The figure, as you would ask for it, e.g. "US aid to Ukraine"', required: true, kind: 'text' },
          { name: 'when', description: 'above, below or changes', required: true, kind: 'alert_condition', choices: ['above', 'below', 'changes'] },
          { name: 'value', description: 'The line for above/below, e.g. 70bn, $70 billion, 700, 70e9', required: false, kind: 'alert_value' },
        ],
        admin: true,
      },
      { name: 'list', description: "This channel's alerts, where each stands and when it last fired", options: [], admin: true },
      {
        name: 'remove',
        description: 'Remove one of this channel\'s alerts',
        options: [{ name: 'id', description: 'The alert number /alert list shows', required: true, kind: 'alert_id' }],
        admin: true,
      },
    ],
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/**
 * Whether this call may take longer than a platform's 3 s window, so adapters defer it at once: a
 * slow (sub)command, or a slow option given (a chart to render and upload).
 */
export function isSlowCall(command: string, subcommand: string | null, args: Readonly<Record<string, string>>): boolean {
  const spec = findCommand(command);
  if (!spec) return false;
  const sub = spec.subcommands.find((s) => s.name === subcommand);
  if (sub ? sub.slow : spec.slow) return true;
  const options = sub ? sub.options : spec.options;
  return options.some((o) => o.slow === true && (args[o.name]?.trim() ?? '') !== '');
}
