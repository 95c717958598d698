/** Drones and missiles given as aid are equipment, for the giver; fired, downed or hit they stay drones or missiles. */
import { describe, expect, it } from 'vitest';
import { figuresIn } from './helpers.js';

const read = (text: string): Array<[number, string, string | null]> => figuresIn(text).map((f) => [f.value, f.category, f.actor]);

describe('drones and missiles given, not fired', () => {
  it('in a package, a pledge or a delivery they are equipment of the giver', () => {
    expect(read('Canada will donate 800 drones to Ukraine.')).toEqual([[800, 'equipment', 'Canada']]);
    expect(read('The aid includes 40 Stinger missiles and 15 howitzers.').map((f) => f[1])).toEqual(['equipment', 'equipment']);
  });

  it('launched, shot down or hit they stay drones or missiles, even near an aid word', () => {
    expect(read('Russia launched 90 drones hours after the aid package was signed.')).toEqual([[90, 'drones', 'Russia']]);
    expect(read('Air defences intercepted 11 missiles as the new aid was delivered.').map((f) => f[1])).toEqual(['missiles']);
    expect(read('Russian forces fired 30 missiles at Kharkiv.').map((f) => f[1])).toEqual(['missiles']);
  });
});
