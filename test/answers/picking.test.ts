/** Which figure of a report answers: the unit asked, what is counted, the whole toll, the precise statement, the largest so far, a plan. */
import { describe, expect, it } from 'vitest';
import { useReportStore } from './reportStore.js';

const { reports, ask } = useReportStore();


describe('picking the figure a question asks for', () => {
  it('"in pounds" takes the figure in pounds, not the dollar conversion of the headline', async () => {
    await reports().add({
      title: 'London adds aid',
      published: '2025-01-10T10:00:00.000Z',
      figures: [
        { value: 3.1e9, unit: 'USD', category: 'aid_package', actor: 'United Kingdom', quote: 'US$3.1 billion', sentence: 'Britain unveils a US$3.1 billion aid package for Kyiv.' },
        { value: 2.5e9, unit: 'GBP', category: 'aid_package', actor: 'United Kingdom', quote: '£2.5 billion', sentence: 'The package is worth £2.5 billion, the ministry said.' },
      ],
    });
    const a = await ask("How big is the UK's new aid package, in pounds?");
    expect([a.figure?.value, a.figure?.unit]).toEqual([2.5e9, 'GBP']);
  });

  it('"Patriot systems" is answered only by a figure about Patriots', async () => {
    await reports().add({ title: 'Tanks for Kyiv', published: '2025-01-10T10:00:00.000Z', figures: [{ value: 40, category: 'equipment', actor: 'United States', status: 'delivered', quote: '40 tanks', sentence: 'Washington has delivered 40 tanks to Kyiv.' }] });
    expect((await ask('How many Patriot systems has the US delivered?')).figure).toBeNull();
    expect((await ask('How many tanks has the US delivered?')).figure?.value).toBe(40);
  });

  it('a death toll is the whole, not "two of those killed"', async () => {
    await reports().add({
      title: 'Strike on a market',
      published: '2025-02-01T10:00:00.000Z',
      figures: [
        { value: 2, category: 'casualties_killed', actor: 'Ukraine', quote: 'Two of those killed', sentence: 'Two of those killed were market traders.' },
        { value: 14, category: 'casualties_killed', actor: 'Ukraine', quote: '14 people', sentence: 'The toll rose to 14 people killed, officials said.' },
      ],
    });
    expect((await ask('How many people were killed in the strike on the market in Ukraine?')).figure?.value).toBe(14);
  });

  it('the precise statement of a figure stands for its rounded, hedged one', async () => {
    await reports().add({
      title: 'New package',
      published: '2025-02-01T10:00:00.000Z',
      figures: [
        { value: 1e9, unit: 'USD', qualifier: 'almost', category: 'aid_package', actor: 'United States', quote: 'nearly $1 billion', sentence: 'The Pentagon announced nearly $1 billion in new aid.' },
        { value: 988e6, unit: 'USD', category: 'aid_package', actor: 'United States', quote: '$988 million', sentence: 'The $988 million package includes drones.' },
      ],
    });
    expect((await ask('How big was the latest US aid package?')).figure?.value).toBe(988e6);
  });

  it('"the biggest attack so far" is the largest in the history, with its day; "latest" is the newest', async () => {
    const wave = (value: number, day: string) => ({ title: `Wave of ${value}`, published: `${day}T08:00:00.000Z`, figures: [{ value, category: 'drones', actor: 'Russia', event: 'launched' as const, quote: `${value} drones`, sentence: `Russia launched ${value} drones overnight.` }] });
    await reports().add(wave(300, '2025-03-01'));
    await reports().add(wave(700, '2025-04-01'));
    await reports().add(wave(200, '2025-05-01'));
    const biggest = await ask('What was the biggest Russian drone attack so far?');
    expect([biggest.figure?.value, biggest.article?.published.slice(0, 10)]).toEqual([700, '2025-04-01']);
    expect((await ask('How many drones did Russia launch in the latest attack?')).figure?.value).toBe(200);
  });

  it('a plan is answered by the target, what was done by the running total', async () => {
    await reports().add({
      title: 'Training mission',
      published: '2025-02-01T10:00:00.000Z',
      figures: [
        { value: 50000, category: 'trained', actor: 'European Union', quote: '50,000 soldiers', sentence: 'The mission aims to train 50,000 soldiers by next year.' },
        { value: 31000, category: 'trained', actor: 'European Union', cumulative: true, quote: '31,000', sentence: 'So far it has trained 31,000.' },
      ],
    });
    expect((await ask('How many soldiers does the EU plan to train?')).figure?.value).toBe(50000);
    expect((await ask('How many soldiers has the EU trained?')).figure?.value).toBe(31000);
  });

  it('a total "since February 2022" is never answered by a single two-month figure', async () => {
    await reports().add({ title: 'Two months of pledges', published: '2025-08-01T10:00:00.000Z', figures: [{ value: 10.5e9, unit: 'EUR', category: 'aid', actor: 'Europe', quote: 'EUR 10.5 billion', sentence: 'Europe pledged EUR 10.5 billion in May and June alone.' }] });
    expect((await ask('How much aid has Europe pledged since February 2022?')).figure).toBeNull();
  });

  it('"announced on 12 March 2025" filters by that day; "in July" by the latest July', async () => {
    const pkg = (value: number, day: string) => ({ title: `Package of ${value}`, published: `${day}T08:00:00.000Z`, figures: [{ value, unit: 'USD', category: 'aid_package', actor: 'United States', quote: `$${value / 1e6} million`, sentence: `The US announced a $${value / 1e6} million package.` }] });
    await reports().add(pkg(300e6, '2025-03-12'));
    await reports().add(pkg(125e6, '2024-07-20'));
    await reports().add(pkg(500e6, '2025-04-02'));
    expect((await ask('How big was the US package announced on 12 March 2025?')).figure?.value).toBe(300e6);
    expect((await ask('How big was the US aid package in July?')).figure?.value).toBe(125e6);
  });
});
