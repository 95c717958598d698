/** The catalog groups a batch of figures adds (src/store/catalogCounts.ts): counts, newest date, key order. */
import { describe, expect, it } from 'vitest';
import { catalogGroups } from '../../src/store/catalogCounts.js';

describe('catalogGroups', () => {
  it('counts each (category, actor) once with its newest date, in key order', () => {
    const groups = catalogGroups([
      { category: 'drones', actor: 'Russia', published: '2025-03-02T10:00:00.000Z' },
      { category: 'aid', actor: 'Poland', published: '2025-03-01T00:00:00.000Z' },
      { category: 'drones', actor: 'Russia', published: '2025-03-04T08:30:00.000Z' },
      { category: 'drones', actor: 'Russia', published: '2025-03-03T00:00:00.000Z' },
    ]);
    expect(groups).toEqual([
      { category: 'aid', actor_key: 'Poland', actor: 'Poland', figure_count: 1, latest_published: '2025-03-01T00:00:00.000Z' },
      { category: 'drones', actor_key: 'Russia', actor: 'Russia', figure_count: 3, latest_published: '2025-03-04T08:30:00.000Z' },
    ]);
  });

  it('keeps figures without an actor in a group of their own, apart from a named actor of the same category', () => {
    const groups = catalogGroups([
      { category: 'casualties', actor: null, published: '2025-01-05T00:00:00.000Z' },
      { category: 'casualties', actor: 'Ukraine', published: '2025-01-06T00:00:00.000Z' },
      { category: 'casualties', actor: null, published: '2025-01-04T00:00:00.000Z' },
    ]);
    expect(groups.map((g) => [g.actor_key, g.actor, g.figure_count, g.latest_published])).toEqual([
      ['', null, 2, '2025-01-05T00:00:00.000Z'],
      ['Ukraine', 'Ukraine', 1, '2025-01-06T00:00:00.000Z'],
    ]);
  });

  it('does not merge a category whose name begins another one', () => {
    const groups = catalogGroups([
      { category: 'aid', actor: 'package', published: '2025-01-01T00:00:00.000Z' },
      { category: 'aid_package', actor: null, published: '2025-01-01T00:00:00.000Z' },
    ]);
    expect(groups).toHaveLength(2);
  });

  it('gives nothing for no figures', () => {
    expect(catalogGroups([])).toEqual([]);
  });
});
