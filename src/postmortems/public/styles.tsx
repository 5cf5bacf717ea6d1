/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * What the postmortem pages add to the site's stylesheet: the timeline and impact tables, the
 * revision diff, and the print stylesheet (no navigation, forms or footer; each link's target
 * printed after it, so a paper copy keeps its references).
 *
 * @module
 */
import { raw } from 'hono/html'
import type { FC } from 'hono/jsx'

/** Where the Atom feed of postmortems lives. */
export const POSTMORTEM_FEED_PATH = '/postmortems/feed.atom'

const STYLES = `
.pm-tldr{font-size:1.1rem;border-left:4px solid var(--accent);padding:.25rem 1rem;margin:1rem 0}
.pm-meta{color:var(--muted);font-size:.875rem}
.pm-table{width:100%;margin:.5rem 0}
.pm-table td,.pm-table th{text-align:left;vertical-align:top}
.pm-table td.num{text-align:right;font-variant-numeric:tabular-nums}
.pm-list{margin-top:1rem}
.pm-list>li p{margin:.25rem 0}
.pm-diff{font-family:monospace;white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--line);padding:.5rem;margin:.5rem 0;font-size:.875rem}
.pm-diff .added{background:#2a72;display:block}
.pm-diff .removed{background:#d332;display:block;text-decoration:line-through}
.pm-diff .same,.pm-diff .skipped{display:block}
.pm-diff .skipped{font-style:italic;color:var(--muted)}
@media print{
  header.site,footer,.skip,form.filters,.pm-paging,.pm-noprint{display:none}
  body{max-width:none;color:#000;background:#fff;font-size:11pt}
  a{color:#000}
  main a[href]::after{content:" <" attr(href) ">";font-size:.85em;overflow-wrap:anywhere}
  main a[href^="#"]::after{content:""}
  details{display:block} .pm-diff{break-inside:avoid}
  h2{break-after:avoid}
}
`

/** The `<style>` (and feed link) every postmortem page puts in its head. */
export const PostmortemHead: FC<{ feedTitle: string }> = ({ feedTitle }) => (
  <>
    <link rel="alternate" type="application/atom+xml" href={POSTMORTEM_FEED_PATH} title={feedTitle} />
    <style>{raw(STYLES)}</style>
  </>
)
