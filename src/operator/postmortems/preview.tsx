/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The preview of a postmortem's public version (`/operator/postmortems/<id>/preview`): the
 * redacted projection (`service.preview`) rendered by the public page's own renderer, with a
 * banner saying so and every redacted phrase visibly marked. Internal notes, entries and items
 * are absent because the projection has none. The public page's inline styles are swapped for
 * the operator stylesheet, as the operator CSP allows no inline style.
 *
 * @module
 */
import type { Hono } from 'hono'
import { PageSchema } from '../../config/index.js'
import { renderDetailPage } from '../../postmortems/public/detail-page.js'
import { componentNames } from '../../postmortems/public/index.js'
import { REDACTED_MARK, type PublicPostmortem } from '../../postmortems/types.js'
import { catalogue } from '../../web/index.js'
import { siteOf } from '../../web/layout.js'
import type { OperatorDeps } from '../deps.js'
import { OPERATOR_STYLESHEET } from '../layout.js'
import { notFoundPage, requireSession } from '../require-session.js'

/** The banner above the preview. */
export const PREVIEW_BANNER = 'Preview — this is what the public will see'

/** Marks every redacted phrase in the text between tags (never inside a tag or the head). */
export function markRedactions(body: string): string {
  return body.replace(/>([^<]*)</g, (_, text: string) => `>${text.replaceAll(REDACTED_MARK, `<mark>${REDACTED_MARK}</mark>`)}<`)
}

/** The public page of `postmortem` as the preview shows it. */
export function previewPage(publicPage: string, postmortem: PublicPostmortem, status: string): string {
  const at = publicPage.search(/<body[\s>]/)
  const head = publicPage.slice(0, at)
  const body = publicPage.slice(at)
  const banner = (
    <p class="flash flash-error preview-banner" role="note">
      <strong>{PREVIEW_BANNER}</strong> (status now: {status}) · <a href={`/operator/postmortems/${postmortem.id}`}>Back to the editor</a>
    </p>
  )
  const styled = head.replace(/<style>[\s\S]*?<\/style>/g, '').replace('</head>', `<link rel="stylesheet" href="${OPERATOR_STYLESHEET}"/></head>`)
  return styled + markRedactions(body).replace(/(<body[^>]*>)/, `$1${banner.toString()}`)
}

/**
 * Registers `GET /postmortems/:id/preview` on the operator router.
 *
 * @example
 * registerPreview(router, deps)
 */
export function registerPreview(router: Hono, deps: OperatorDeps): void {
  router.get('/postmortems/:id/preview', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    const [postmortem, projection] = await Promise.all([deps.postmortems.get(id), deps.postmortems.preview(id)])
    if (postmortem === null || projection === null) return notFoundPage(c, deps, 'No such postmortem.')
    const [names, handbook] = await Promise.all([componentNames(deps.store), deps.store.handbook.current()])
    const incidentTitles = new Map<string, string>()
    for (const incidentId of projection.incidentIds) {
      const incident = await deps.incidents.incident(incidentId)
      if (incident !== null) incidentTitles.set(incidentId, incident.title)
    }
    const page = renderDetailPage({
      ctx: { site: siteOf(deps.page() ?? PageSchema.parse({}), deps.title), t: catalogue('en'), lang: 'en' },
      postmortem: projection,
      diffs: [],
      names,
      incidentTitles,
      handbookTitles: new Map(handbook.filter((page) => !page.removed).map((page) => [page.slug, page.title])),
      canonical: `/postmortems/${id}`,
    })
    return c.html(previewPage(page, projection, postmortem.status.replace('_', ' ')))
  })
}
