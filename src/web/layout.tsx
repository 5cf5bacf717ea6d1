/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The frame every public page shares: language, theme, header with name and logo, language
 * switch, and the footer with methodology, imprint and privacy links.
 *
 * @module
 */
import { raw } from 'hono/html'
import type { Child, FC } from 'hono/jsx'
import type { PageConfig } from '../config/index.js'
import { FeedLinks } from '../feeds/index.js'
import { postmortemWords } from '../postmortems/public/words.js'
import type { PublicState } from '../core/public-state.js'
import { STATE_TABLE } from '../core/state-table.js'
import type { Catalogue, Language } from './i18n/index.js'
import { renderText } from './markdown.js'
import { pageStyles } from './theme.js'

/** The page settings resolved once from config. */
export interface Site {
  name: string
  logo: string | null
  /** The about text rendered (safe HTML), or null. */
  aboutHtml: string | null
  imprint: string | null
  privacy: string | null
  /** Where customers monitor their own resources (SCS requirement 27): the link and its text (null: the catalogue's). */
  userMonitoring: { url: string; label: string | null } | null
  /** The label key that groups components into sections. */
  groupBy: string
  css: string
}

/**
 * Resolves `page:` (with `server.title` as the default name).
 *
 * @example
 * siteOf(PageSchema.parse({ name: 'Example' }), 'Glasshouse').name // 'Example'
 */
export function siteOf(page: PageConfig, title: string): Site {
  return {
    name: page.name ?? title,
    logo: page.logo ?? null,
    aboutHtml: page.about === undefined ? null : renderText(page.about),
    imprint: page.imprint ?? null,
    privacy: page.privacy ?? null,
    userMonitoring: page.userMonitoringUrl === undefined ? null : { url: page.userMonitoringUrl, label: page.userMonitoringLabel ?? null },
    groupBy: page.groupBy,
    css: pageStyles(page.colours),
  }
}

/** What every page renders with. */
export interface PageContext {
  site: Site
  t: Catalogue
  lang: Language
}

/** A state as icon and word; colour is never the only signal. */
export const StateLabel: FC<{ state: PublicState; t: Catalogue }> = ({ state, t }) => {
  const entry = STATE_TABLE[state]
  return (
    <span class={`state state-${entry.css}`}>
      <span class="icon" aria-hidden="true">
        {entry.icon}
      </span>{' '}
      {t.stateLabel?.[state] ?? entry.label}
    </span>
  )
}

/** A path with `lang=` set to the other language (the switch link). */
function switchHref(path: string, to: Language): string {
  const url = new URL(path, 'http://page.invalid')
  url.searchParams.set('lang', to)
  return `${url.pathname}${url.search}`
}

/**
 * The document frame.
 *
 * @example
 * <Layout ctx={ctx} title="Status" path="/">…</Layout>
 */
export const Layout: FC<{ ctx: PageContext; title: string; path: string; head?: Child; children?: Child; canonical?: string }> = ({
  ctx,
  title,
  path,
  head,
  children,
  canonical,
}) => {
  const { site, t, lang } = ctx
  const other: Language = lang === 'en' ? 'de' : 'en'
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {canonical === undefined ? '' : <link rel="canonical" href={canonical} />}
        <FeedLinks path={path} siteName={site.name} />
        <style>{raw(site.css)}</style>
        {head ?? ''}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skipToContent}
        </a>
        <header class="site">
          <a class="brand" href="/">
            {site.logo === null ? '' : <img src={site.logo} alt="" />}
            <span class="name">{site.name}</span>
          </a>
          <nav aria-label="site">
            <a href="/history">{t.history}</a> · <a href="/availability">{t.availabilityReport}</a> · <a href="/methodology">{t.methodology}</a> ·{' '}
            <a href={switchHref(path, other)} hreflang={other} lang={other}>
              {t.switchLanguage}
            </a>
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer>
          <p>
            {t.getUpdates}: <a href="/subscribe">{t.byEmail}</a> · <a href="/feed.atom">Atom</a> · <a href="/feed.rss">RSS</a> · <a href="/maintenance.ics">{t.maintenanceCalendar}</a>
          </p>
          <p>
            <a href="/availability">{t.availabilityReport}</a> · <a href="/methodology">{t.methodology}</a> · <a href="/handbook">{t.handbook.title}</a> · <a href="/postmortems">{postmortemWords(lang).title}</a> · <a href="/api/v1/status">JSON</a> · <a href="/api/v1/openapi.json">{t.api}</a>
            {site.imprint === null ? '' : <> · <a href={site.imprint}>{t.imprint}</a></>}
            {site.privacy === null ? '' : <> · <a href={site.privacy}>{t.privacy}</a></>} · {t.poweredBy}
          </p>
        </footer>
      </body>
    </html>
  )
}
