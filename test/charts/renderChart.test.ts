import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/renderChart.js';
import { niceTicks } from '../../src/charts/chartSpec.js';
import { axisLabel, axisScale } from '../../src/charts/axisScale.js';
import { listPoints } from '../../src/charts/listPoints.js';
import type { ChartSeries } from '../../src/charts/series.js';
import { decodePng } from '../helpers/decodePng.js';

const series: ChartSeries = {
  title: 'United States: security aid (running total)',
  unit: 'USD',
  points: [
    { date: '2023-01-10', value: 24.2e9, qualifier: 'exact', source: 'Reuters' },
    { date: '2023-09-01', value: 43e9, qualifier: 'more_than', source: 'AP' },
    { date: '2024-05-02', value: 58e9, qualifier: 'about', source: 'Reuters' },
  ],
};

describe('renderChart', () => {
  it('renders a 1200×675 PNG that is not blank', async () => {
    const { png } = await renderChart(series);
    const d = decodePng(png);
    expect(d.width).toBe(1200);
    expect(d.height).toBe(675);
    expect(d.inked).toBeGreaterThan(0.005);
    expect(d.inked).toBeLessThan(0.5);
  });

  it('draws one dot per reported value, each labelled with its qualifier and date', async () => {
    const { svg } = await renderChart(series);
    expect(svg.match(/class="mark-symbol role-mark dots"[^]*?<\/g>/)![0].match(/<path /g)!.length).toBe(3);
    for (const text of ['$24.2 billion', 'more than $43 billion', 'about $58 billion', '10 Jan 2023', '1 Sep 2023', '2 May 2024']) {
      expect(svg).toContain(`>${text}</text>`);
    }
    expect(svg).toContain('United States: security aid (running total)');
    expect(svg).toContain('>$20 bn</text>');
    expect(svg).toContain('>$60 bn</text>');
    expect(svg).toContain('3 reported values from 2 sources, as reported (not adjusted).');
  });

  it('escapes text from sources in the SVG', async () => {
    const { svg } = await renderChart({ ...series, title: 'A <b> & "c"' });
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('A &lt;b&gt; &amp;');
  });
});

describe('axis ticks and scale words', () => {
  it('chooses round steps from zero past the largest value', () => {
    expect(niceTicks(58e9)).toEqual([0, 20e9, 40e9, 60e9]);
    expect(niceTicks(700)).toEqual([0, 200, 400, 600, 800]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
  it('writes $10 bn, 700 and 12%, not 10000000000', () => {
    expect(axisLabel(10e9, axisScale(60e9, 'USD'))).toBe('$10 bn');
    expect(axisLabel(700, axisScale(800, 'count'))).toBe('700');
    expect(axisLabel(2.5e6, axisScale(5e6, 'count'))).toBe('2.5 m');
    expect(axisLabel(12, axisScale(20, 'percent'))).toBe('12%');
  });
});

describe('listPoints', () => {
  it('lists each point with qualifier and source, oldest first', () => {
    expect(listPoints(series)).toBe(
      'United States: security aid (running total)\n10 Jan 2023: $24.2 billion (Reuters)\n1 Sep 2023: more than $43 billion (AP)\n2 May 2024: about $58 billion (Reuters)',
    );
  });
});
