/** Series → vega spec → SVG → PNG, on the server with no system fonts: the DejaVu TTF is loaded from its npm package. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as vega from 'vega';
import { Resvg } from '@resvg/resvg-js';
import { chartSpec, DEFAULT_SIZE, type ChartSize } from './chartSpec.js';
import type { ChartSeries } from './series.js';

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = [join(FONT_DIR, 'DejaVuSans.ttf'), join(FONT_DIR, 'DejaVuSans-Bold.ttf')];

export async function renderSvg(series: ChartSeries, size: ChartSize = DEFAULT_SIZE): Promise<string> {
  const view = new vega.View(vega.parse(chartSpec(series, size)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, { font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' }, background: 'white' });
  return resvg.render().asPng();
}

export interface RenderedChart {
  svg: string;
  png: Buffer;
}

export async function renderChart(series: ChartSeries, size: ChartSize = DEFAULT_SIZE): Promise<RenderedChart> {
  const svg = await renderSvg(series, size);
  return { svg, png: svgToPng(svg) };
}
