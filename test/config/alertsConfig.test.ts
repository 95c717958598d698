import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';
import { makeTempConfig, type TempConfig } from '../helpers/tempConfig.js';

const temps: TempConfig[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.cleanup();
});

const channelWith = (alerts: string): string => `channels:\n  - platform: console\n    id: console\n    alerts:\n${alerts}`;

function load(localYaml: string) {
  const t = makeTempConfig({ localYaml });
  temps.push(t);
  return { t, load: () => loadConfig({ configDir: t.dir, env: {} }) };
}

function messageOf(localYaml: string): string {
  const { t, load: run } = load(localYaml);
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message.replaceAll(t.dir, '<dir>');
  }
  throw new Error('expected a ConfigError');
}

describe('alerts declared under channels[].alerts', () => {
  it('are read with their rule: a value as text or as a YAML number, or changes', () => {
    const { config } = load(channelWith('      - { measure: US aid to Ukraine, when: above, value: 70bn }\n      - { measure: drones launched, when: above, value: 70e9 }\n      - { measure: troops deployed, when: changes }\n')).load();
    expect(config.channels[0]!.alerts).toEqual([
      { measure: 'US aid to Ukraine', when: 'above', value: '70bn' },
      { measure: 'drones launched', when: 'above', value: 70e9 },
      { measure: 'troops deployed', when: 'changes' },
    ]);
  });

  it('a misspelt key is an error with a did-you-mean', () => {
    expect(messageOf(channelWith('      - { measure: US aid, when: above, valeu: 70bn }\n'))).toBe('<dir>/local.yaml: channels[0].alerts[0].valeu: unknown key; did you mean "value"?');
  });

  it('a value that does not read is an error naming the key, with an example', () => {
    expect(messageOf(channelWith('      - { measure: US aid, when: above, value: lots }\n'))).toBe(
      '<dir>/local.yaml: channels[0].alerts[0].value: expected a value such as 70bn, "$70 billion", 700 or 70e9, e.g. { measure: US aid to Ukraine, when: above, value: 70bn }; got "lots"',
    );
    expect(messageOf(channelWith('      - { measure: US aid, when: below }\n'))).toBe('<dir>/local.yaml: channels[0].alerts[0].value: expected a value for "when: below", e.g. { measure: US aid to Ukraine, when: above, value: 70bn }; got nothing');
    expect(messageOf(channelWith('      - { measure: US aid, when: sometimes }\n'))).toBe('<dir>/local.yaml: channels[0].alerts[0].when: expected one of above, below, changes; got "sometimes"');
  });
});
