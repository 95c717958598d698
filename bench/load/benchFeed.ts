/**
 * A generated RSS feed of `count` distinct reports, each carrying figures the extractor reads (aid
 * amounts, drones, casualties), so that digests of it are long and carry key figures. Titles, links
 * and guids are unique; everything was first published within the last day.
 */

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const CITIES = ['Kharkiv', 'Odesa', 'Dnipro', 'Zaporizhzhia', 'Mykolaiv', 'Sumy', 'Kherson', 'Poltava', 'Lviv', 'Chernihiv'];

function report(i: number): { title: string; text: string } {
  const city = CITIES[i % CITIES.length]!;
  switch (i % 4) {
    case 0:
      return {
        title: `Report ${i}: Washington announces aid package number ${70 + i}`,
        text: `The United States announced a new security assistance package worth $${100 + (i % 50) * 5} million for Ukraine on report day ${i}. Washington has provided more than $${60 + (i % 9)} billion in military aid to Ukraine since February 2022, officials said.`,
      };
    case 1:
      return {
        title: `Report ${i}: drones over ${city}`,
        text: `Russia launched as many as ${10 + (i % 40)} drones at ${city} overnight, the Ukrainian air force said in report ${i}. Air defences destroyed most of them.`,
      };
    case 2:
      return {
        title: `Report ${i}: strike on ${city}`,
        text: `A Russian missile strike on ${city} killed ${2 + (i % 7)} people and injured ${10 + (i % 30)} others, regional officials said in report ${i}.`,
      };
    default:
      return {
        title: `Report ${i}: allies meet on training`,
        text: `About ${40 + (i % 20)} allies met to coordinate support, and more than ${100_000 + i * 100} Ukrainian soldiers have been trained by partners so far, according to report ${i}.`,
      };
  }
}

export function benchFeedXml(count: number, now: Date = new Date()): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const { title, text } = report(i);
    // Newest first, one a few minutes apart, all within the last day.
    const published = new Date(now.getTime() - (i + 1) * Math.floor((20 * 3_600_000) / Math.max(1, count)));
    items.push(`    <item>
      <title>${xml(title)}</title>
      <link>https://bench.example/reports/${i}</link>
      <guid isPermaLink="false">bench-report-${i}</guid>
      <pubDate>${published.toUTCString()}</pubDate>
      <description>${xml(text)}</description>
    </item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Bench Wire</title>
    <link>https://bench.example/</link>
    <description>Generated reports for the load benchmark.</description>
${items.join('\n')}
  </channel>
</rss>
`;
}
