/** What a figure measures, independent of its value: the same category, actor and unit. */
export interface Measure {
  category: string;
  actor: string | null;
  unit: string;
}

/** One string per measure, for maps: `["aid","United States","USD"]` (unambiguous whatever the names hold). */
export function measureKey(m: Measure): string {
  return JSON.stringify([m.category, m.actor, m.unit]);
}
