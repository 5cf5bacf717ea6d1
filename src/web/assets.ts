/**
 * The few static files the public pages load, all from our own origin (never a CDN): uPlot's
 * script and stylesheet from the installed package, and the small script that draws the
 * response-time chart from the JSON the component page embeds.
 *
 * @module
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** One static file. */
export interface Asset {
  contentType: string
  body: string
}

/** Draws `#chart` from `#chart-data` with uPlot; the page reads fine when it never runs. */
const CHART_SCRIPT = `(() => {
  const holder = document.getElementById('chart'), source = document.getElementById('chart-data');
  if (!holder || !source || typeof uPlot !== 'function') return;
  const data = JSON.parse(source.textContent);
  const palette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];
  const series = [{ label: 'UTC' }].concat(data.series.map((s, i) => ({ label: s.label, stroke: palette[Math.floor(i / 2) % palette.length], dash: i % 2 ? [6, 4] : undefined, width: 1.5, value: (u, v) => v == null ? '–' : v.toFixed(1) + ' ms' })));
  const size = () => ({ width: holder.clientWidth || 600, height: 260 });
  const plot = new uPlot(Object.assign({ series, scales: { x: { time: true } }, axes: [{}, { label: 'ms' }] }, size()), [data.x].concat(data.series.map((s) => s.values)), holder);
  window.addEventListener('resize', () => plot.setSize(size()));
})();
`

const require = createRequire(import.meta.url)

async function uplotFile(name: string): Promise<string> {
  const root = dirname(require.resolve('uplot/package.json'))
  return readFile(join(root, 'dist', name), 'utf8')
}

/**
 * Loads the assets by their path under `/assets/`.
 *
 * @example
 * const assets = await loadAssets()
 * assets.get('chart.js')?.contentType // 'text/javascript; charset=utf-8'
 */
export async function loadAssets(): Promise<Map<string, Asset>> {
  const [script, style] = await Promise.all([uplotFile('uPlot.iife.min.js'), uplotFile('uPlot.min.css')])
  return new Map([
    ['uplot.iife.min.js', { contentType: 'text/javascript; charset=utf-8', body: script }],
    ['uplot.min.css', { contentType: 'text/css; charset=utf-8', body: style }],
    ['chart.js', { contentType: 'text/javascript; charset=utf-8', body: CHART_SCRIPT }],
  ])
}
