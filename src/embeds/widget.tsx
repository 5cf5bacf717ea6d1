/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The embeddable widget (`/embed`, for an iframe): the overall state and each component's state
 * as icon, words and colour from the one state table, links to the full page, the time of the
 * status. No script, no external request, a few hundred bytes of inline CSS.
 *
 * @module
 */
import type { PublicState } from '../core/public-state.js'
import { STATE_TABLE } from '../core/state-table.js'
import type { ComponentStatus } from '../status/index.js'
import type { Catalogue, Language } from '../web/index.js'
import { stateLabel } from './public-view.js'

/** What the widget shows. */
export interface WidgetInput {
  name: string
  base: string
  lang: Language
  t: Catalogue
  overall: PublicState
  components: readonly ComponentStatus[]
  generatedAt: number
}

const STYLES = [
  'body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1a1a1a;background:#fff}',
  'main{padding:8px 10px}a{color:inherit}p,ul{margin:0}ul{list-style:none;padding:0}',
  '.overall{font-weight:600;padding:6px 8px;border-left:6px solid;margin-bottom:6px}',
  'li{display:flex;justify-content:space-between;gap:8px;padding:3px 0;border-bottom:1px solid #e5e5e5}',
  '.state{white-space:nowrap;border-left:4px solid;padding-left:6px}small{color:#555}',
  '@media (prefers-color-scheme:dark){body{background:#111;color:#eee}small{color:#bbb}li{border-color:#333}}',
].join('')

function StateText(props: { state: PublicState; t: Catalogue }) {
  const entry = STATE_TABLE[props.state]
  return (
    <span class="state" style={`border-color:${entry.colour}`}>
      <span aria-hidden="true">{entry.icon}</span> {stateLabel(props.state, props.t)}
    </span>
  )
}

/**
 * The widget's HTML document.
 *
 * @example
 * renderWidget({ name: 'Example Cloud', base: 'https://status.example.com', lang: 'en', t, overall: 'operational', components, generatedAt: Date.now() })
 */
export function renderWidget(input: WidgetInput): string {
  const { t } = input
  const overall = STATE_TABLE[input.overall]
  const asOf = new Date(input.generatedAt).toISOString()
  const page = (
    <html lang={input.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{t.statusOf(input.name)}</title>
        <style>{STYLES}</style>
      </head>
      <body>
        <main>
          <p class="overall" style={`border-color:${overall.colour}`}>
            <span aria-hidden="true">{overall.icon}</span> {t.overall[input.overall]}
          </p>
          <ul aria-label={t.components}>
            {input.components.map((component) => (
              <li>
                <a href={`${input.base}/components/${encodeURIComponent(component.name)}?lang=${input.lang}`} target="_blank" rel="noopener">
                  {component.displayName}
                </a>
                <StateText state={component.state} t={t} />
              </li>
            ))}
          </ul>
          <p>
            <small>
              <a href={`${input.base}/?lang=${input.lang}`} target="_blank" rel="noopener">
                {t.statusOf(input.name)}
              </a>{' '}
              · {t.asOf} <time datetime={asOf}>{`${asOf.replace('T', ' ').slice(0, 16)} UTC`}</time>
            </small>
          </p>
        </main>
      </body>
    </html>
  )
  return `<!doctype html>${page.toString()}`
}

/**
 * The script-free snippet an operator copies into another page: the widget in an iframe sized for
 * `componentCount` rows, and, for pages that allow no frames, a linked status badge.
 *
 * @example
 * renderSnippet({ name: 'Example Cloud', base: 'https://status.example.com', lang: 'en', t, componentCount: 4 })
 */
export function renderSnippet(input: { name: string; base: string; lang: Language; t: Catalogue; componentCount: number }): string {
  const height = 96 + 28 * input.componentCount
  const title = input.t.statusOf(input.name)
  const snippet = (
    <div class="glasshouse-status">
      <iframe src={`${input.base}/embed?lang=${input.lang}`} title={title} width="360" height={String(height)} style="border:0;max-width:100%" loading="lazy" referrerpolicy="no-referrer"></iframe>
      <p>
        <a href={`${input.base}/?lang=${input.lang}`}>
          <img src={`${input.base}/badge/status.svg?lang=${input.lang}`} alt={title} height="20" />
        </a>
      </p>
    </div>
  )
  return `<!-- ${input.name.replace(/--/g, '—')}: status embed without script; paste where the status should show -->\n${snippet.toString()}\n`
}
