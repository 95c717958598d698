/**
 * A large RSS feed for the crash tests: `count` items, each with a guid, a link and a few paragraphs
 * of content carrying figures the extractor reads (drones, casualties, aid), so storing it takes a
 * while and most articles have figures. Deterministic: the same count gives the same document.
 */

const CITIES = ['Kharkiv', 'Odesa', 'Dnipro', 'Zaporizhzhia', 'Mykolaiv', 'Sumy', 'Kherson', 'Poltava', 'Lviv', 'Chernihiv'];
const BASE = Date.parse('2025-03-01T12:00:00Z');

function paragraphs(i: number): string[] {
  const city = CITIES[i % CITIES.length]!;
  const figures = [
    `<p>Russia launched as many as ${10 + (i % 40)} drones at ${city} overnight, the Ukrainian air force said.</p>`,
    `<p>A missile strike on ${city} killed ${2 + (i % 7)} people and injured ${10 + (i % 30)} others, regional officials said.</p>`,
    `<p>The United States has provided more than $${50 + (i % 20)} billion in military aid to Ukraine since February 2022.</p>`,
  ];
  // Every fifth report carries no figure at all: an article may rightly have none.
  if (i % 5 === 4) return [`<p>Officials in ${city} met on report ${i} to discuss reconstruction plans, without giving details.</p>`];
  return [figures[i % 3]!, `<p>Report ${i} from ${city}: residents described the night and the work of rescue crews in the morning.</p>`, figures[(i + 1) % 3]!];
}

export function bigFeedXml(count: number): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    items.push(`<item>
  <title>Report ${i}: overnight attacks and aid figures</title>
  <link>https://crash.example/reports/${i}</link>
  <guid isPermaLink="false">crash-report-${i}</guid>
  <pubDate>${new Date(BASE - i * 60_000).toUTCString()}</pubDate>
  <description>Report ${i} in brief.</description>
  <content:encoded><![CDATA[${paragraphs(i).join('\n')}]]></content:encoded>
</item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Crash Wire</title>
<link>https://crash.example/</link>
<description>Generated reports for the crash tests.</description>
${items.join('\n')}
</channel>
</rss>
`;
}


