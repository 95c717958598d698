/**
 * `newsdigest alerts add|list|remove`: the alerts of channels, as an operator sees them.
 *   alerts add --channel KEY "<measure>" above 70e9     (or below <value>, or changes)
 *   alerts list [--channel KEY] [--json]                 each alert, its state and its firings
 *   alerts remove ID
 * Config channels and alerts are synced first, so what config declares is listed too. Exit 1 when
 * nothing was done (bad words, unknown alert); 2 for a usage error.
 */
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { addAlert } from '../alerts/addAlert.js';
import { splitAlertWords } from '../alerts/alertRule.js';
import { alertLine, FIRINGS_LISTED } from '../alerts/describeAlerts.js';
import { syncConfigAlerts } from '../alerts/syncConfigAlerts.js';
import { readAlertId } from '../alerts/alertCommands.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { syncConfigChannels } from '../schedule/syncConfigChannels.js';
import type { AlertFiringRecord, AlertRecord } from '../store/store.js';
import { DEFAULT_CHANNEL } from './digest.js';

export interface AlertsCliOptions {
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  out?: Writable;
  now?: () => Date;
}

/** One alert as `alerts list --json` prints it. */
export interface AlertJson {
  id: number;
  channel: string;
  measure: string;
  condition: AlertRecord['condition'];
  threshold: number | null;
  unit: string | null;
  origin: AlertRecord['origin'];
  state: AlertRecord['state'];
  latest: { figureId: number | null; value: number | null; unit: string | null; published: string | null };
  createdAt: string;
  firings: Array<{
    id: number;
    firedAt: string;
    delivery: AlertFiringRecord['status'];
    sentAt: string | null;
    figure: AlertFiringRecord['figure'];
    previous: AlertFiringRecord['previous'];
  }>;
}

export function alertJson(a: AlertRecord, firings: AlertFiringRecord[]): AlertJson {
  return {
    id: a.id, channel: a.channelKey, measure: a.measure, condition: a.condition, threshold: a.threshold, unit: a.unit, origin: a.origin, state: a.state,
    latest: { figureId: a.lastFigureId, value: a.lastValue, unit: a.lastUnit, published: a.lastPublished },
    createdAt: a.createdAt,
    firings: firings.map((f) => ({ id: f.id, firedAt: f.firedAt, delivery: f.status, sentAt: f.sentAt, figure: f.figure, previous: f.previous })),
  };
}

async function withRuntime<T>(options: AlertsCliOptions, fn: (rt: Runtime, now: Date) => Promise<T>): Promise<T> {
  const rt = await openRuntime({ configDir: options.configDir, env: options.env });
  try {
    const now = (options.now ?? (() => new Date()))();
    await syncConfigChannels(rt.store, rt.config);
    await syncConfigAlerts(rt.store, rt.config, now);
    return await fn(rt, now);
  } finally {
    await rt.close();
  }
}

const printer = (options: AlertsCliOptions) => (text: string) => (options.out ?? process.stdout).write(text.endsWith('\n') ? text : `${text}\n`);

export async function runAlertsAdd(channelKey: string, words: string, options: AlertsCliOptions = {}): Promise<number> {
  const print = printer(options);
  const split = splitAlertWords(words);
  if (!split.ok) {
    print(`error: say what to watch, then above or below a value, or changes, e.g. newsdigest alerts add --channel ${channelKey} "US aid to Ukraine" above 70e9`);
    return 1;
  }
  return withRuntime(options, async (rt, now) => {
    const channel = await rt.store.getChannel(channelKey);
    if (!channel) {
      const known = (await rt.store.listChannels()).map((c) => c.key);
      print(`error: there is no channel ${channelKey}; known channels: ${known.join(', ') || 'none'}. Declare it under channels: in config, or set it up from chat.`);
      return 1;
    }
    const result = await addAlert({ store: rt.store, config: rt.config }, channel, split.value, 'cli', now);
    print(result.text);
    return result.ok ? 0 : 1;
  });
}

export async function runAlertsList(channelKey: string | undefined, json: boolean, options: AlertsCliOptions = {}): Promise<number> {
  const print = printer(options);
  return withRuntime(options, async (rt, now) => {
    const alerts = await rt.store.listAlerts(channelKey);
    const withFirings = await Promise.all(alerts.map(async (a) => ({ alert: a, firings: await rt.store.listAlertFirings(a.id, FIRINGS_LISTED) })));
    if (json) {
      print(JSON.stringify(withFirings.map(({ alert, firings }) => alertJson(alert, firings)), null, 2));
      return 0;
    }
    if (alerts.length === 0) {
      print(`No alerts${channelKey ? ` for ${channelKey}` : ''}. Add one with: newsdigest alerts add --channel ${channelKey ?? DEFAULT_CHANNEL} "US aid to Ukraine" above 70bn`);
      return 0;
    }
    for (const { alert, firings } of withFirings) {
      const tz = (await rt.store.getChannel(alert.channelKey))?.timezone ?? rt.config.digest.timezone;
      print(`${alert.channelKey} ${alertLine(alert, firings, tz, now)}`);
    }
    return 0;
  });
}

export async function runAlertsRemove(rawId: string, options: AlertsCliOptions = {}): Promise<number> {
  const print = printer(options);
  const id = readAlertId(rawId);
  if (id === null) {
    print(`error: "${rawId}" is not an alert id; newsdigest alerts list shows them`);
    return 1;
  }
  return withRuntime(options, async (rt) => {
    const alert = await rt.store.getAlert(id);
    if (!alert) {
      print(`There is no alert ${id}; newsdigest alerts list shows them. Nothing was changed.`);
      return 1;
    }
    if (alert.origin === 'config') {
      print(`Alert ${id} is declared in config (channels[].alerts of ${alert.channelKey}); remove it there. Nothing was changed.`);
      return 1;
    }
    await rt.store.removeAlert(id);
    print(`Removed alert ${id} (${alert.channelKey}: ${alert.measure}).`);
    return 0;
  });
}

export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('alerts when a key figure crosses a line or changes: add, list, remove');
  const done = (code: number) => {
    if (code !== 0) process.exitCode = code;
  };
  alerts
    .command('add')
    .description('add an alert, e.g. alerts add --channel console:console "US aid to Ukraine" above 70e9')
    .argument('<words...>', 'the measure, then above <value>, below <value> or changes')
    .option('--channel <key>', `the channel, as platform:id (default ${DEFAULT_CHANNEL})`, DEFAULT_CHANNEL)
    .action(async (words: string[], opts: { channel: string }) => done(await runAlertsAdd(opts.channel, words.map((w) => (/\s/.test(w) ? `"${w}"` : w)).join(' '))));
  alerts
    .command('list')
    .description('each alert, its state and its firings')
    .option('--channel <key>', 'only this channel')
    .option('--json', 'print JSON: each alert with its firings (when, the figure with its value and article)')
    .action(async (opts: { channel?: string; json?: boolean }) => done(await runAlertsList(opts.channel, opts.json === true)));
  alerts
    .command('remove')
    .description('remove an alert by its id')
    .argument('<id>', 'the alert id (alerts list shows them)')
    .action(async (id: string) => done(await runAlertsRemove(id)));
}
