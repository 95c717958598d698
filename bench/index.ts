/**
 * `npm run bench`: runs every bench/*.bench.ts in name order, each exporting `run(): Promise<void>`
 * and printing its own figures. `npm run bench -- extract answers` runs only the files whose name
 * contains one of the words. A bench that throws is reported and the others still run; the exit
 * status is then 1.
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

if (files.length === 0) {
  console.error(`bench: no bench/*.bench.ts matches ${filters.join(', ') || '(none found)'}`);
  process.exitCode = 1;
}
console.log(`bench: ${files.join(', ')} on Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg()[0]!.toFixed(1)}`);
for (const file of files) {
  console.log(`\n== ${file}`);
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { run?: () => Promise<void> };
    if (typeof mod.run !== 'function') throw new Error('exports no run()');
    await mod.run();
    console.log(`== ${file} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`== ${file} FAILED: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  }
}
