/** The rules live in config: a new beat is a config change; bad rules are refused at load time. */
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/figures/compileRules.js';
import { extractFigures } from '../../src/figures/extractFigures.js';
import { FigureRulesSchema } from '../../src/figures/rules.js';
import { loadConfig, ConfigError } from '../../src/config/load.js';
import { makeTempConfig } from '../helpers/tempConfig.js';
import { defaultRules } from './helpers.js';

describe('figure rules', () => {
  it('read a kind the default config does not know once config names it', () => {
    const text = 'Germany has delivered 18 power generators to Ukraine.';
    expect(extractFigures({ text }, defaultRules)).toEqual([]);
    const rules = FigureRulesSchema.parse({
      categories: [{ name: 'generators', triggers: ['generator'], units: ['count'] }],
      actors: [{ name: 'Germany', aliases: ['Germany', 'Berlin', 'German'] }],
      cumulativeMarkers: ['to date'],
    });
    const [f] = extractFigures({ text }, rules);
    expect([f!.value, f!.category, f!.actor, f!.cumulative]).toEqual([18, 'generators', 'Germany', true]);
  });

  it('match actor aliases case-sensitively, so the pronoun "us" is not the United States', () => {
    const [f] = extractFigures({ text: 'Let us count: the strike killed 4 people.' }, defaultRules);
    expect(f!.actor).toBeNull();
  });

  it('are compiled once per rules object', () => {
    expect(compileRules(defaultRules)).toBe(compileRules(defaultRules));
  });

  it('accept a hand-written object with defaults left out', () => {
    const [f] = extractFigures({ text: 'Russia launched 12 drones.' }, { categories: [{ name: 'drones', triggers: ['drone'] }] });
    expect([f!.value, f!.category, f!.actor]).toEqual([12, 'drones', null]);
  });

  it('refuse an override that names no category', () => {
    const parsed = FigureRulesSchema.safeParse({ categories: [{ name: 'killed', triggers: ['killed'], overrides: ['troopz'] }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/troopz/);
  });

  it('refuse two categories with one name', () => {
    expect(FigureRulesSchema.safeParse({ categories: [{ name: 'aid' }, { name: 'aid' }] }).success).toBe(false);
  });

  it('make a bad figures section a ConfigError naming the key', () => {
    const cfg = makeTempConfig({ localYaml: 'figures:\n  categories:\n    - name: aid\n      actorRole: giver\n' });
    try {
      expect(() => loadConfig({ configDir: cfg.dir, env: {}, dotenv: false })).toThrow(ConfigError);
      expect(() => loadConfig({ configDir: cfg.dir, env: {}, dotenv: false })).toThrow(/figures\.categories\[0\]\.actorRole/);
    } finally {
      cfg.cleanup();
    }
  });

  it('ship in config/default.yaml with the categories the digest and answers use', () => {
    // The category written on a figure: a rule's `as`, else its name (several rules may write "other").
    expect([...new Set(defaultRules.categories.map((c) => c.as ?? c.name))]).toEqual([
      'casualties_killed',
      'casualties_injured',
      'casualties',
      'aid_package',
      'aid',
      'troops',
      'trained',
      'equipment',
      'drones',
      'missiles',
      'containers',
      'other',
    ]);
  });
});
