/**
 * Render time per chart: series → vega spec → SVG (vega) → PNG (resvg with the DejaVu font), the
 * work /figures chart and a digest chart do before uploading. 20 timed renders after 3 warm-up
 * renders, for a short series (3 reports) and a long one (40, the most a digest chart draws);
 * median, p90 and max, CPU time per render, and the PNG's size.
 */
import { performance } from 'node:perf_hooks';
import { renderChart, renderSvg, svgToPng } from '../src/charts/renderChart.js';
import type { ChartSeries } from '../src/charts/series.js';

const ROUNDS = 20;
const WARMUP = 3;

function series(points: number): ChartSeries {
  const start = Date.parse('2022-03-01T00:00:00Z');
  return {
    title: 'Aid · United States, running total as reported',
    unit: 'USD',
    points: Array.from({ length: points }, (_, i) => ({
      date: new Date(start + i * 21 * 86_400_000).toISOString().slice(0, 10),
      value: 2e9 + i * 1.4e9,
      qualifier: i % 3 === 0 ? ('more_than' as const) : ('exact' as const),
      source: i % 2 ? 'Reuters via Wire' : 'VOA via Wire',
    })),
  };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

export async function run(): Promise<void> {
  for (const n of [3, 40]) {
    const s = series(n);
    for (let i = 0; i < WARMUP; i++) await renderChart(s);
    const total: number[] = [];
    const svgMs: number[] = [];
    const pngMs: number[] = [];
    let bytes = 0;
    // CPU time is what the shared machine's load distorts least.
    const cpuBefore = process.cpuUsage();
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const svg = await renderSvg(s);
      const t1 = performance.now();
      bytes = svgToPng(svg).length;
      const t2 = performance.now();
      total.push(t2 - t0);
      svgMs.push(t1 - t0);
      pngMs.push(t2 - t1);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerRender = (cpu.user + cpu.system) / 1000 / ROUNDS;
    for (const list of [total, svgMs, pngMs]) list.sort((a, b) => a - b);
    console.log(
      `charts: ${n} points, ${ROUNDS} renders of 1200x675: median ${quantile(total, 0.5).toFixed(1)} ms (SVG ${quantile(svgMs, 0.5).toFixed(1)} ms, PNG ${quantile(pngMs, 0.5).toFixed(1)} ms), p90 ${quantile(total, 0.9).toFixed(1)} ms, max ${total[total.length - 1]!.toFixed(1)} ms; CPU ${cpuMsPerRender.toFixed(1)} ms per render; PNG ${(bytes / 1024).toFixed(0)} KB`,
    );
  }
}
