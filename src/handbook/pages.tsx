/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The handbook's HTML: the index (with server-side search, no JavaScript), a page with its table
 * of contents and last-changed date, and a page's change history with line diffs. Every text is
 * escaped by JSX; only the sanitised Markdown body is inserted raw.
 *
 * @module
 */
import { raw } from 'hono/html'
import type { HandbookRevision } from '../store/index.js'
import { Layout, type PageContext } from '../web/layout.js'
import { renderHandbookBody, withoutTitle } from './content.js'
import { diffHunks, diffLines } from './diff.js'
import { DiffHunksView } from './diff-view.js'
import { splitFrontMatter } from './front-matter.js'
import type { SearchHit } from './search.js'

const STYLES = `
.handbook-toc{border-left:3px solid currentColor;padding-left:1em;margin:1em 0}
.handbook-toc ol{margin:.25em 0}
.handbook-meta{opacity:.8;font-size:.9em}
.handbook-search input[type=search]{min-width:16em}
.handbook-hits mark{font-weight:bold}
.handbook-diff{font-family:monospace;white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #8884;padding:.5em;margin:.5em 0}
.handbook-diff .added{background:#2a72;display:block}
.handbook-diff .removed{background:#d332;display:block;text-decoration:line-through}
.handbook-diff .same,.handbook-diff .skipped{display:block}
.handbook-diff .skipped{opacity:.7;font-style:italic}
`

const day = (at: number) => new Date(at).toISOString().slice(0, 10)
const htmlDocument = (page: unknown) => `<!doctype html>${String(page)}`
const head = <style>{raw(STYLES)}</style>

function bodyOf(revision: HandbookRevision): string {
  const split = splitFrontMatter(revision.content)
  return split.ok ? split.body : revision.content
}

/**
 * The index: every published page (by `order`, then title), or the results of `query`.
 *
 * @example
 * renderHandbookIndex({ ctx, pages, query: 'paging', hits })
 */
export function renderHandbookIndex(input: { ctx: PageContext; pages: readonly HandbookRevision[]; query: string; hits: readonly SearchHit[] | null }): string {
  const { ctx, query } = input
  const t = ctx.t.handbook
  const path = query === '' ? '/handbook' : `/handbook?q=${encodeURIComponent(query)}`
  return htmlDocument(
    <Layout ctx={ctx} title={`${t.title} · ${ctx.site.name}`} path={path} head={head}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <form class="handbook-search" method="get" action="/handbook" role="search">
        <label for="handbook-q">{t.searchLabel}</label> <input type="search" id="handbook-q" name="q" value={query} maxlength={200} />{' '}
        <button type="submit">{t.searchButton}</button>
      </form>
      {input.hits === null ? (
        input.pages.length === 0 ? (
          <p>{t.noPages}</p>
        ) : (
          <ul>
            {input.pages.map((page) => (
              <li>
                <a href={`/handbook/${page.slug}`}>{page.title}</a>
                {page.summary === null ? '' : <> — {page.summary}</>} <span class="handbook-meta">({t.lastChanged} {day(page.recordedAt)})</span>
              </li>
            ))}
          </ul>
        )
      ) : (
        <section class="handbook-hits" aria-live="polite">
          <p>{t.results(input.hits.length, query)}</p>
          <ol>
            {input.hits.map((hit) => (
              <li>
                <a href={`/handbook/${hit.slug}`}>{hit.title}</a>
                <p>{hit.snippet.map((part) => (part.hit ? <mark>{part.text}</mark> : part.text))}</p>
              </li>
            ))}
          </ol>
          <p>
            <a href="/handbook">{t.allPages}</a>
          </p>
        </section>
      )}
    </Layout>,
  )
}

/**
 * One page: title, last change, contents, body.
 *
 * @example
 * renderHandbookPage({ ctx, page, canonical: 'https://status.example/handbook/on-call' })
 */
export function renderHandbookPage(input: { ctx: PageContext; page: HandbookRevision; canonical: string }): string {
  const { ctx, page } = input
  const t = ctx.t.handbook
  const body = renderHandbookBody(withoutTitle(bodyOf(page)))
  return htmlDocument(
    <Layout ctx={ctx} title={`${page.title} · ${t.title} · ${ctx.site.name}`} path={`/handbook/${page.slug}`} head={head} canonical={input.canonical}>
      <p>
        <a href="/handbook">{t.title}</a>
      </p>
      <h1>{page.title}</h1>
      <p class="handbook-meta">
        {t.lastChanged} <time datetime={new Date(page.recordedAt).toISOString()}>{day(page.recordedAt)}</time> · {t.revision(page.revision)}
        {page.gitCommit === null ? '' : <> · {t.commit} <code>{page.gitCommit.slice(0, 12)}</code></>} · <a href={`/handbook/${page.slug}/history`}>{t.history}</a>
      </p>
      {body.toc.length < 2 ? (
        ''
      ) : (
        <nav class="handbook-toc" aria-label={t.contents}>
          <strong>{t.contents}</strong>
          <ol>
            {body.toc.map((entry) => (
              <li style={entry.level === 3 ? 'margin-left:1.5em' : undefined}>
                <a href={`#${entry.id}`}>{entry.text}</a>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <article>{raw(body.html)}</article>
    </Layout>,
  )
}

/**
 * A page's change history, newest first, each revision with its diff against the one before.
 *
 * @example
 * renderHandbookHistory({ ctx, revisions: await store.handbook.history('on-call') })
 */
export function renderHandbookHistory(input: { ctx: PageContext; revisions: readonly HandbookRevision[] }): string {
  const { ctx, revisions } = input
  const t = ctx.t.handbook
  const newest = revisions[0]!
  return htmlDocument(
    <Layout ctx={ctx} title={`${t.historyOf(newest.title)} · ${ctx.site.name}`} path={`/handbook/${newest.slug}/history`} head={head}>
      <p>
        <a href="/handbook">{t.title}</a>
        {newest.removed ? '' : <> · <a href={`/handbook/${newest.slug}`}>{newest.title}</a></>}
      </p>
      <h1>{t.historyOf(newest.title)}</h1>
      {revisions.map((revision, index) => {
        const previous = revisions[index + 1]
        const hunks = revision.removed || previous === undefined ? [] : diffHunks(diffLines(previous.content, revision.content))
        return (
          <section id={`revision-${revision.revision}`}>
            <h2>
              {t.revision(revision.revision)} · <time datetime={new Date(revision.recordedAt).toISOString()}>{day(revision.recordedAt)}</time>
            </h2>
            <p class="handbook-meta">
              {revision.removed ? t.removedMark : previous === undefined ? t.firstRevision : ''}
              {revision.gitCommit === null ? '' : <> {t.commit} <code>{revision.gitCommit}</code></>}
            </p>
            {hunks.length === 0 ? (
              ''
            ) : (
              <DiffHunksView hunks={hunks} className="handbook-diff" unchangedLines={t.unchangedLines} />
            )}
          </section>
        )
      })}
    </Layout>,
  )
}
