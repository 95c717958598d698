import { describe, expect, it } from 'vitest';
import { parseSlashCommand } from '../../../src/platforms/slack/parseSlashCommand.js';

describe('/alert as Slack text', () => {
  it('/alert add reads the measure, then above/below and a value, or changes', () => {
    expect(parseSlashCommand('/alert', 'add US aid to Ukraine above 70bn')).toEqual({ ok: true, command: 'alert', subcommand: 'add', args: { measure: 'US aid to Ukraine', when: 'above', value: '70bn' } });
    expect(parseSlashCommand('/alert', 'add "drones launched" below $70 billion')).toEqual({ ok: true, command: 'alert', subcommand: 'add', args: { measure: 'drones launched', when: 'below', value: '$70 billion' } });
    // Slack entity-encodes "&", "<" and ">" before sending the text.
    expect(parseSlashCommand('/alert', 'add R&amp;D spending changes')).toEqual({ ok: true, command: 'alert', subcommand: 'add', args: { measure: 'R&D spending', when: 'changes' } });
  });

  it('/alert add without a rule answers with its usage and an example', () => {
    expect(parseSlashCommand('/alert', 'add US aid')).toEqual({
      ok: false,
      usage: 'Say what to watch, then above or below a value, or changes, e.g. /alert add US aid to Ukraine above 70bn or /alert add drones launched changes. Usage: /alert add <measure> <when> [value], e.g. /alert add US aid to Ukraine above 70bn.',
    });
  });

  it('/alert list takes nothing, /alert remove an id', () => {
    expect(parseSlashCommand('/alert', 'list')).toEqual({ ok: true, command: 'alert', subcommand: 'list', args: {} });
    expect(parseSlashCommand('/alert', 'remove 3')).toEqual({ ok: true, command: 'alert', subcommand: 'remove', args: { id: '3' } });
    expect(parseSlashCommand('/alert', 'mute 3')).toEqual({ ok: false, usage: '/alert has no subcommand "mute". Usage: /alert add <measure> <when> [value] | /alert list | /alert remove <id>.' });
  });
});
