import { describe, expect, it } from 'vitest';
import { decodeSlackText, parseSlashCommand } from '../../../src/platforms/slack/parseSlashCommand.js';

const ok = (command: string, text: string) => {
  const parsed = parseSlashCommand(command, text);
  if (!parsed.ok) throw new Error(`expected ${command} ${text} to parse, got usage: ${parsed.usage}`);
  return { command: parsed.command, subcommand: parsed.subcommand, args: parsed.args };
};
const usage = (command: string, text: string) => {
  const parsed = parseSlashCommand(command, text);
  if (parsed.ok) throw new Error(`expected a usage message for ${command} ${text}`);
  return parsed.usage;
};

describe('Slack slash command text → the shared command table', () => {
  it('/ask takes the whole text as the question', () => {
    expect(ok('/ask', '  total aid to date?  ')).toEqual({ command: 'ask', subcommand: null, args: { question: 'total aid to date?' } });
  });

  it('/ask without a question goes to the command, which answers with examples', () => {
    expect(ok('/ask', '   ')).toEqual({ command: 'ask', subcommand: null, args: {} });
  });

  it('/figures with and without a topic', () => {
    expect(ok('/figures', '')).toEqual({ command: 'figures', subcommand: null, args: {} });
    expect(ok('/figures', 'ukraine-aid')).toEqual({ command: 'figures', subcommand: null, args: { topic: 'ukraine-aid' } });
  });

  it('/figures chart <measure> names the chart option by its first word', () => {
    expect(ok('/figures', 'chart total US aid to Ukraine')).toEqual({ command: 'figures', subcommand: null, args: { chart: 'total US aid to Ukraine' } });
    expect(ok('/figures', 'Chart   drones launched')).toEqual({ command: 'figures', subcommand: null, args: { chart: 'drones launched' } });
    expect(usage('/figures', 'chart')).toBe('Usage: /figures [topic] [chart …], e.g. /figures ukraine-aid or /figures chart total US aid.');
  });

  it('/digest now, feeds and status take no arguments', () => {
    for (const sub of ['now', 'feeds', 'status']) expect(ok('/digest', sub)).toEqual({ command: 'digest', subcommand: sub, args: {} });
    expect(usage('/digest', 'now please')).toMatch(/\/digest now takes no arguments/);
  });

  it('subcommand names are case-insensitive', () => {
    expect(ok('/digest', 'STATUS').subcommand).toBe('status');
  });

  it('/digest subscribe and unsubscribe take a topic (names may have spaces) or a feed URL', () => {
    expect(ok('/digest', 'subscribe ukraine-aid').args).toEqual({ target: 'ukraine-aid' });
    expect(ok('/digest', 'subscribe Military aid to Ukraine').args).toEqual({ target: 'Military aid to Ukraine' });
    expect(ok('/digest', 'unsubscribe https://example.com/feed.xml').args).toEqual({ target: 'https://example.com/feed.xml' });
    expect(usage('/digest', 'subscribe')).toMatch(/Usage: \/digest subscribe <target>/);
  });

  it('a URL Slack wrapped as <url> or <url|label>, with &amp; entities, arrives as the URL typed', () => {
    expect(ok('/digest', 'subscribe <https://example.com/feed?a=1&amp;b=2>').args.target).toBe('https://example.com/feed?a=1&b=2');
    expect(ok('/digest', 'subscribe <https://example.com/rss|example.com/rss>').args.target).toBe('https://example.com/rss');
  });

  it('/digest schedule: 5 fields, 5 fields + time zone, 6 fields, 6 fields + time zone', () => {
    expect(ok('/digest', 'schedule 0 8 * * *').args).toEqual({ cron: '0 8 * * *' });
    expect(ok('/digest', 'schedule 0 8 * * 1-5 Europe/Kyiv').args).toEqual({ cron: '0 8 * * 1-5', timezone: 'Europe/Kyiv' });
    expect(ok('/digest', 'schedule 0 0 8 * * MON').args).toEqual({ cron: '0 0 8 * * MON' });
    expect(ok('/digest', 'schedule 30 0 8 * * * UTC').args).toEqual({ cron: '30 0 8 * * *', timezone: 'UTC' });
  });

  it('/digest schedule: a quoted cron expression, straight or curly quotes, then the time zone', () => {
    expect(ok('/digest', 'schedule "0 8 * * *" America/New_York').args).toEqual({ cron: '0 8 * * *', timezone: 'America/New_York' });
    expect(ok('/digest', "schedule '0 8 * * *'").args).toEqual({ cron: '0 8 * * *' });
    expect(ok('/digest', 'schedule “0 8 * * 1-5” Europe/Kyiv').args).toEqual({ cron: '0 8 * * 1-5', timezone: 'Europe/Kyiv' });
  });

  it('a misspelt time zone after 5 fields stays a time zone (so the core can name it)', () => {
    expect(ok('/digest', 'schedule 0 8 * * * Europe/Kyyiv').args).toEqual({ cron: '0 8 * * *', timezone: 'Europe/Kyyiv' });
  });

  it('/digest schedule with too few fields, too many words or an unclosed quote gives its usage', () => {
    expect(usage('/digest', 'schedule 0 8 *')).toMatch(/has 3 fields; a cron expression has 5 \(or 6 with seconds\)\. Usage: \/digest schedule <cron> \[timezone\]/);
    expect(usage('/digest', 'schedule 0 0 8 * * * UTC extra')).toMatch(/too many words/);
    expect(usage('/digest', 'schedule "0 8 * * * UTC')).toMatch(/opening quote but no closing one/);
    expect(usage('/digest', 'schedule "0 8 * * *" Europe Kyiv')).toMatch(/not one time zone name/);
    expect(usage('/digest', 'schedule')).toMatch(/needs a cron expression/);
  });

  it('/digest without or with an unknown subcommand lists the subcommands', () => {
    expect(usage('/digest', '')).toMatch(/^\/digest needs a subcommand\. Usage: \/digest now \| \/digest subscribe <target> \| .*\/digest status\.$/);
    expect(usage('/digest', 'explode')).toMatch(/^\/digest has no subcommand "explode"/);
  });

  it('a command outside the table is named as unknown', () => {
    expect(usage('/weather', 'kyiv')).toBe('Unknown command /weather. Commands: /ask, /figures, /digest, /alert.');
  });
});

describe('decodeSlackText', () => {
  it('turns Slack entities back into the characters typed', () => {
    expect(decodeSlackText('a &lt;b&gt; &amp;amp;')).toBe('a <b> &amp;');
  });
  it('leaves user and channel references as they are', () => {
    expect(decodeSlackText('<@U123|bob> <#C1|general>')).toBe('<@U123|bob> <#C1|general>');
  });
});
