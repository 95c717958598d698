/**
 * The synthetic feeds of the cycle benchmark: feed `f` has 50 items, each a real-sized article
 * (five to eight paragraphs of HTML, about 3 KB) with figures the rules extract (aid in dollars,
 * drones launched and shot down, casualties). Deterministic from the shared PRNG, seeded per feed.
 */
import { prng } from '../../src/util/prng.js';

export const FEEDS = 1000;
export const ITEMS_PER_FEED = 50;

/** Host of feed f: 127.0.x.y with y in 1..250, so 1,000 feeds have 1,000 distinct hosts. */
export function hostOf(f: number): string {
  return `127.0.${1 + Math.floor(f / 250)}.${1 + (f % 250)}`;
}

const ACTORS = ['Germany', 'the United States', 'the United Kingdom', 'France', 'Poland', 'Canada', 'Japan'];
const PLACES = ['Kharkiv', 'Odesa', 'Dnipro', 'Zaporizhzhia', 'Kyiv', 'Sumy', 'Lviv'];
const FILLER = [
  'Officials said the figures were preliminary and could change as reports came in from the regions.',
  'The announcement came after weeks of talks between the two governments about the pace of deliveries.',
  'Analysts in the capital said the package would take months to reach the front line in full.',
  'Residents described a long night of sirens, with power cut in several districts until the morning.',
  'The ministry did not give a breakdown by type, saying that details would be published later in the week.',
  'Emergency crews worked through the night to clear rubble and search damaged buildings for survivors.',
];

function paragraph(r: () => number, day: number): string {
  const n = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo));
  const actor = ACTORS[n(0, ACTORS.length)]!;
  const place = PLACES[n(0, PLACES.length)]!;
  switch (n(0, 4)) {
    case 0:
      return `<p>${actor[0]!.toUpperCase()}${actor.slice(1)} announced a new military aid package for Ukraine worth $${n(100, 900)} million on ${['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][day % 5]}, including <strong>air defence</strong> missiles and artillery shells. ${FILLER[n(0, FILLER.length)]}</p>`;
    case 1: {
      const launched = n(40, 200);
      return `<p>Russia launched ${launched} drones and ${n(2, 12)} missiles at Ukraine overnight, the Ukrainian air force said, adding that ${launched - n(1, 30)} drones were shot down. ${FILLER[n(0, FILLER.length)]}</p>`;
    }
    case 2:
      return `<p>A Russian strike on <a href="https://example.org/places/${place.toLowerCase()}">${place}</a> killed ${n(2, 15)} people and injured ${n(10, 60)} others, regional officials said. ${FILLER[n(0, FILLER.length)]}</p>`;
    default:
      return `<p>${FILLER[n(0, FILLER.length)]} ${FILLER[n(0, FILLER.length)]} ${FILLER[n(0, FILLER.length)]}</p>`;
  }
}

/** The RSS document of feed f (the same bytes on every call). */
export function feedDocument(f: number): string {
  const r = prng(0xc1c1e + f);
  const items: string[] = [];
  const base = Date.UTC(2025, 4, 1);
  for (let i = 0; i < ITEMS_PER_FEED; i++) {
    const paras = Array.from({ length: 5 + Math.floor(r() * 4) }, () => paragraph(r, i)).join('\n');
    const date = new Date(base - (f * ITEMS_PER_FEED + i) * 60_000).toUTCString();
    items.push(`<item>
<title>Report ${i} of outlet ${f}: strikes, drones and aid in figures</title>
<link>https://outlet-${f}.example.org/2025/05/report-${i}</link>
<guid isPermaLink="false">outlet-${f}-report-${i}</guid>
<pubDate>${date}</pubDate>
<description>Short summary of report ${i}.</description>
<content:encoded><![CDATA[
${paras}
<figure><img src="https://outlet-${f}.example.org/img/${i}.jpg" alt="A photo"/><figcaption>Photo: outlet ${f}</figcaption></figure>
]]></content:encoded>
</item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Outlet ${f}</title><link>https://outlet-${f}.example.org/</link><description>Synthetic outlet ${f}</description>
${items.join('\n')}
</channel></rss>`;
}
