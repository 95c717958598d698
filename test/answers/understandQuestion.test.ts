import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/load.js';
import { understandQuestion } from '../../src/answers/understandQuestion.js';
import { repoRoot, sharedDir } from '../helpers/tempConfig.js';

const { config } = loadConfig({ configDir: path.join(repoRoot, 'config'), env: {} });
const read = (q: string, asOf = '2025-06-01') => understandQuestion(q, config, { asOf });

interface GoldQuestion {
  ask: string;
  as_of: string;
  expect: { actor: string };
}
const gold = JSON.parse(readFileSync(path.join(sharedDir, 'eval/seeds-gold.json'), 'utf8')) as { questions: GoldQuestion[] };

/** The measure each gold question asks for, in the words of config/default.yaml. */
const GOLD_MEASURES: Record<string, string> = {
  'How much security assistance has the US given Ukraine in total?': 'total aid',
  'How much military aid have the other Western allies given Ukraine?': 'total aid',
  'How big was the latest US military aid package for Ukraine?': 'latest aid package',
  "Which tranche of US military aid was announced during Austin's Kyiv visit?": 'aid tranche number',
  'How much US aid for Ukraine and Israel is stuck in Congress?': 'stalled aid',
  'How many troops has North Korea deployed to Russia?': 'troops deployed',
  'How many North Korean soldiers have been killed fighting for Russia?': 'people killed',
  'How many containers of munitions has North Korea shipped to Russia?': 'containers of munitions',
  'How many Ukrainian soldiers have the US and its partners trained so far?': 'people trained',
  'How many Russian drones attacked Kyiv overnight?': 'drones',
  'How many people were killed in the Russian missile strike on Zaporizhzhia?': 'people killed',
};

describe('understanding the gold questions', () => {
  for (const q of gold.questions) {
    it(`reads "${q.ask}" as ${GOLD_MEASURES[q.ask]} with ${q.expect.actor} among the actors to try`, () => {
      const u = read(q.ask, q.as_of);
      expect(u.measure?.name).toBe(GOLD_MEASURES[q.ask]);
      expect(u.actors).toContain(q.expect.actor);
      expect(u.time.asOf).toBe(q.as_of);
    });
  }
});

describe('which measure', () => {
  it('a specific measure wins over a general one: "stuck" aid is stalled aid, not total aid', () => {
    expect(read('How much US aid is stuck in Congress?').measure?.name).toBe('stalled aid');
  });

  it('"which tranche" asks for the tranche number, "the latest tranche" for its size', () => {
    expect(read('Which tranche was announced?').measure?.name).toBe('aid tranche number');
    expect(read('How big was the latest tranche?').measure?.name).toBe('latest aid package');
  });

  it('an exact word beats a corrected one: "filled" containers are not "killed"', () => {
    expect(read('How many containers filled with shells went to Russia?').measure?.name).toBe('containers of munitions');
  });

  it('a question about something not tracked has no measure', () => {
    expect(read("What's the weather in Kyiv?").measure).toBeNull();
  });

  it('plurals and singulars read the same', () => {
    expect(read('How many drone?').measure?.name).toBe('drones');
    expect(read('How many missiles?').measure?.name).toBe('missiles');
  });
});

describe('which actor', () => {
  it('reads "US", "U.S.", "America", "Washington" and "the United States" as the United States', () => {
    for (const q of ['US aid to date', 'U.S. aid to date', 'How much has America given?', 'How much aid has Washington sent?', 'aid from the United States']) {
      expect(read(q).actor, q).toBe('United States');
    }
  });

  it('reads "the US and its partners" as the allies, not the US', () => {
    expect(read('How many soldiers have the US and its partners trained?').actors).toEqual(['Allies']);
  });

  it('for training, the people trained are not the trainer: "Ukrainian soldiers have the US and its partners trained"', () => {
    expect(read('How many Ukrainian soldiers have the US and its partners trained so far?').actors).toEqual(['Allies']);
  });

  it('for troops, the people counted are the actor\'s: "North Korean troops"', () => {
    expect(read('How many North Korean troops are in Russia?').actors).toEqual(['North Korea']);
  });

  it('the giver comes before the receiver: "has the US given Ukraine"', () => {
    expect(read('How much has the US given Ukraine?').actors).toEqual(['United States']);
  });

  it('a receiver alone is never the actor: "aid to Ukraine", "for Kyiv"', () => {
    expect(read('How much aid went to Ukraine?').actors).toEqual([]);
    expect(read('What is the total aid for Kyiv to date?').actors).toEqual([]);
  });

  it('the giver is the actor, the recipient is not: "the US gave Ukraine"', () => {
    expect(read('How much aid has Germany sent to Ukraine?').actors).toEqual(['Germany']);
  });

  it('for killed and injured, the attacker is not the actor: "the Russian missile strike on Zaporizhzhia"', () => {
    const u = read('How many people were killed in the Russian missile strike on Zaporizhzhia?');
    expect(u.actors).toEqual(['Ukraine']);
    expect(u.mentions.find((m) => m.actor === 'Russia')?.role).toBe('attacker');
  });

  it('for drones, the side that launched them is the actor: "Russian drones attacked Kyiv"', () => {
    expect(read('How many Russian drones attacked Kyiv overnight?').actors).toEqual(['Russia']);
  });

  it('a lowercase "us" is a pronoun, not the United States', () => {
    expect(read('How much aid has Russia given us?').actors).toEqual(['Russia']);
  });

  it('an all-lowercase question may write "the us"', () => {
    expect(read('how much aid has the us given').actor).toBe('United States');
  });

  it('no actor named: any actor will do', () => {
    const u = read('How many people were killed?');
    expect(u.actors).toEqual([]);
    expect(u.actor).toBeNull();
  });
});

describe('tolerance', () => {
  it('corrects small misspellings and says which', () => {
    const u = read('How much securty assistence has Amercia given Ukriane so far?');
    expect(u.measure?.name).toBe('total aid');
    expect(u.actor).toBe('United States');
    expect(u.corrections).toEqual(expect.arrayContaining([{ from: 'Amercia', to: 'America' }, { from: 'Ukriane', to: 'Ukraine' }]));
  });

  it('word order, case and punctuation do not change the reading', () => {
    const readings = ['Total US aid to date?', 'to date -- US, aid total!!', 'TOTAL AID, U.S., TO DATE', 'us total aid to date'].map((q) => {
      const u = read(q);
      return [u.measure?.name, u.actor, u.time.cumulative];
    });
    for (const r of readings) expect(r).toEqual(['total aid', 'United States', true]);
  });
});

describe('time words', () => {
  it('"to date", "so far" and "in total" ask for a running total', () => {
    for (const q of ['US aid to date', 'US aid so far', 'US aid in total']) expect(read(q).time.cumulative, q).toBe(true);
    expect(read('US aid').time.cumulative).toBe(false);
  });

  it('"latest" and "last" ask for the newest figure', () => {
    expect(read('the latest package').time.latest).toBe(true);
    expect(read('the last package').time.latest).toBe(true);
  });

  it('"as of March 2024" sets the as-of day and is not read as a name', () => {
    const u = read('US aid as of March 2024');
    expect(u.time.asOf).toBe('2024-03-31');
    expect(u.focus).toEqual([]);
  });

  it('"in 2024" sets a period', () => {
    expect(read('How much aid did the EU give in 2024?').time).toMatchObject({ from: '2024-01-01', asOf: '2024-12-31', label: 'in 2024' });
  });
});

describe('names that narrow a question down', () => {
  it('a place inside an actor is both the actor and a name the report must mention', () => {
    const u = read('How many people were killed in Kharkiv?');
    expect(u.actors).toEqual(['Ukraine']);
    expect(u.focus).toEqual(['Kharkiv']);
  });

  it('a capitalized word nothing else explains is a name: "Israel", "Austin"', () => {
    expect(read('How much US aid for Ukraine and Israel is stuck?').focus).toEqual(['Israel']);
    expect(read("Which tranche was announced during Austin's visit?").focus).toEqual(['Austin']);
  });

  it('a title-cased question carries no names', () => {
    expect(read('How Much Aid Has The US Given To Date?').focus).toEqual([]);
  });
});

describe('bad input', () => {
  it('a question longer than 500 characters is read up to there, without failing', () => {
    const u = read(`How much aid has the US given? ${'blah '.repeat(5000)}`);
    expect(u.question.length).toBe(500);
    expect(u.measure?.name).toBe('total aid');
  });

  it('a question of punctuation only has no measure and no actor', () => {
    const u = read('?!?... ---');
    expect([u.measure, u.actor, u.focus]).toEqual([null, null, []]);
  });
});

describe('verbs of giving and actor groups', () => {
  const measureOf = (q: string) => read(q).measure?.name ?? null;
  it('give, gave, pledge, commit, allocate, send, provide, deliver all name aid', () => {
    expect(measureOf('How much did the US give Ukraine?')).toBe('total aid');
    expect(measureOf('How much has Germany pledged?')).toBe('total aid');
    expect(measureOf('How much has the EU committed?')).toBe('total aid');
    expect(measureOf('How much have allies allocated to Ukraine?')).toBe('total aid');
    expect(measureOf('What has Germany delivered to Ukraine?')).toBe('total aid');
  });
  it('a verb of giving with troops or tanks is not money', () => {
    expect(measureOf('How many troops has North Korea sent?')).toBe('troops deployed');
    expect(measureOf('How many Abrams tanks has the US promised Ukraine?')).toBe('equipment');
  });
  it('groups resolve to their actors; the recipient is not one', () => {
    expect(read('How much has Europe pledged to Ukraine?').actors).toEqual(['Europe']);
    expect(read('How much have other countries given?').actors).toEqual(['Allies']);
    expect(read('How much has the contact group provided?').actors).toEqual(['Allies']);
    expect(read('How much has the EU committed to Ukraine?').actors).toEqual(['European Union']);
  });
});
