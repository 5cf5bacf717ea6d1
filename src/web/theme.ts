/**
 * The stylesheet of the public pages, built once from the configured palette: light and dark
 * (prefers-color-scheme), visible focus rings, no motion. State colours only ever accompany an
 * icon and a word; text on a coloured badge is black or white, whichever contrasts more.
 *
 * @module
 */
import type { PageConfig } from '../config/index.js'

type Colours = PageConfig['colours']

function channels(hex: string): [number, number, number] {
  const full = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : hex
  return [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number]
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/**
 * Black or white, whichever reads better on `background`.
 *
 * @example
 * textOn('#e69f00') // '#000'
 */
export function textOn(background: string): '#000' | '#fff' {
  const l = luminance(background)
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff'
}

/**
 * A colour mixed towards white by `amount` (0–1), for links on dark backgrounds.
 *
 * @example
 * lighten('#000000', 0.5) // '#808080'
 */
export function lighten(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((c) => Math.round(c + (255 - c) * amount).toString(16).padStart(2, '0'))
    .join('')}`
}

const STATE_VARS: [string, keyof Colours][] = [
  ['operational', 'operational'],
  ['degraded', 'degraded'],
  ['partial-outage', 'partialOutage'],
  ['major-outage', 'majorOutage'],
  ['maintenance', 'maintenance'],
  ['no-data', 'noData'],
]

/**
 * The whole stylesheet for a palette.
 *
 * @example
 * const css = pageStyles(PageSchema.parse({}).colours)
 */
export function pageStyles(colours: Colours): string {
  const stateVars = STATE_VARS.map(([css, key]) => `--s-${css}: ${colours[key]}; --s-${css}-text: ${textOn(colours[key])};`).join(' ')
  const stateRules = STATE_VARS.map(([css]) => `.state-${css} .icon, .bar .d-${css} { background: var(--s-${css}); color: var(--s-${css}-text); fill: var(--s-${css}); }`).join('\n')
  return `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #545d68; --bg: #fff; --card: #f6f8fa; --line: #d1d9e0; --accent: ${colours.accent}; ${stateVars} }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #a3acb6; --bg: #0d1117; --card: #151b23; --line: #3d444d; --accent: ${lighten(colours.accent, 0.45)}; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1rem 3rem; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); } a:focus-visible, [tabindex]:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
.site { display: flex; align-items: center; gap: .75rem; flex-wrap: wrap; justify-content: space-between; }
.site .brand { display: flex; align-items: center; gap: .5rem; } .site img { max-height: 2.5rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; } h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.banner { padding: 1rem 1.25rem; border-radius: .5rem; border: 1px solid var(--line); background: var(--card); font-size: 1.15rem; font-weight: 600; }
.banner small { display: block; font-weight: 400; font-size: .9rem; color: var(--muted); }
.list { list-style: none; margin: 0; padding: 0; border: 1px solid var(--line); border-radius: .5rem; }
.list > li { padding: .75rem 1rem; border-top: 1px solid var(--line); } .list > li:first-child { border-top: 0; }
.row { display: flex; flex-wrap: wrap; gap: .25rem 1rem; justify-content: space-between; align-items: baseline; }
.name { font-weight: 600; } .detail, .muted { color: var(--muted); font-size: .875rem; }
.state { font-weight: 600; white-space: nowrap; }
.icon { display: inline-block; min-width: 1.4em; padding: 0 .2em; border-radius: .25em; text-align: center; }
${stateRules}
.series { margin: .5rem 0 0; } .series h4 { margin: 0; font-size: .95rem; display: flex; gap: 1rem; justify-content: space-between; flex-wrap: wrap; }
.bar { display: block; width: 100%; height: 2.25rem; margin: .25rem 0; }
.bar a:focus rect.day { stroke: var(--fg); stroke-width: 1.5; } .bar rect.mark { fill: var(--fg); }
.bar .d-no-data { opacity: .6; }
.uptime { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; font-size: .875rem; } .uptime div { display: flex; gap: .35rem; } .uptime dt { color: var(--muted); } .uptime dd { margin: 0; font-variant-numeric: tabular-nums; }
.note { color: var(--muted); font-size: .875rem; }
.prose p { margin: .25rem 0; } .update { border-left: 3px solid var(--line); padding-left: .75rem; margin: .75rem 0; }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; padding: .75rem; border: 1px solid var(--line); border-radius: .5rem; background: var(--card); }
form.filters label { display: flex; flex-direction: column; font-size: .875rem; }
input, select, button { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: .25rem; padding: .25rem .5rem; }
table { border-collapse: collapse; font-size: .875rem; } th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: right; } th:first-child, td:first-child { text-align: left; }
.table-wrap { max-height: 24rem; overflow: auto; }
.chart { min-height: 1px; }
footer { color: var(--muted); font-size: .875rem; margin-top: 3rem; }
dl.states dt { font-weight: 600; } dl.states dd { margin: 0 0 .5rem 1rem; }
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
`
}
