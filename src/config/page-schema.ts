/**
 * The `page:` section: how the public status page presents itself — name, logo, colours, about
 * text, imprint and privacy links, its public URL, and which proxies may set `X-Forwarded-*`.
 *
 * @module
 */
import { isIP } from 'node:net'
import { z } from 'zod'

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/
const colour = (fallback: string, what: string) =>
  z.string().regex(HEX, 'expected a hex colour such as #0072b2').default(fallback).describe(what)

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
/** A link: an absolute http(s) URL or a path on this server (`/imprint.html`). */
const LinkSchema = z.union([httpUrl, z.string().regex(/^\/(?!\/)[^\s]*$/, 'expected an http(s) URL or a path starting with /')], {
  error: 'expected an http(s) URL or a path starting with /',
})

/** A proxy address: an IPv4 or IPv6 address, optionally with a CIDR prefix length. */
const ProxySchema = z.string().refine(
  (text) => {
    const [address, bits, extra] = text.split('/')
    if (extra !== undefined || address === undefined) return false
    const family = isIP(address)
    if (family === 0) return false
    if (bits === undefined) return true
    const prefix = Number(bits)
    return /^\d{1,3}$/.test(bits) && prefix <= (family === 4 ? 32 : 128)
  },
  { message: 'expected an IP address or CIDR range such as 10.0.0.0/8 or ::1' },
)

/**
 * `page.colours:` — the palette. The defaults are the Okabe–Ito colours, which stay apart under
 * the common colour-vision deficiencies; every state also shows an icon and a word.
 */
export const PageColoursSchema = z.strictObject({
  accent: colour('#0072b2', 'links and focus rings'),
  operational: colour('#009e73', 'operational days and states'),
  degraded: colour('#e69f00', 'degraded performance'),
  partialOutage: colour('#d55e00', 'partial outage'),
  majorOutage: colour('#a6361c', 'major outage'),
  maintenance: colour('#56b4e9', 'maintenance'),
  noData: colour('#8a8a8a', 'no data (never a shade of the operational colour)'),
})

/**
 * `page:` — the public page's name, logo, colours, texts and links.
 *
 * @example
 * PageSchema.parse({ name: 'Example Cloud' }).colours.accent // '#0072b2'
 */
export const PageSchema = z.strictObject({
  name: z.string().min(1).max(200).optional().describe('the name in the page header; default server.title'),
  logo: LinkSchema.optional().describe('logo image: an http(s) URL or a path on this server'),
  about: z.string().max(5_000).optional().describe('a short about text under the banner (Markdown, rendered safely)'),
  imprint: LinkSchema.optional().describe('link to the imprint (legal notice)'),
  privacy: LinkSchema.optional().describe('link to the privacy notice'),
  userMonitoringUrl: LinkSchema.optional().describe('link to where customers monitor their own resources (SCS requirement 27), shown on the status page'),
  userMonitoringLabel: z.string().min(1).max(100).optional().describe('the text of that link; default "Monitoring of your own resources"'),
  publicUrl: httpUrl.optional().describe('base of every absolute link the page prints; default server.publicUrl'),
  trustedProxies: z.array(ProxySchema).default([]).describe('proxies whose X-Forwarded-Proto/Host the page believes (IPs or CIDR ranges)'),
  groupBy: z
    .string()
    .regex(/^[A-Za-z0-9._/-]{1,63}$/, 'expected a label key such as category')
    .default('category')
    .describe('the component label that groups components into sections'),
  colours: PageColoursSchema.prefault({}).describe('the palette (light mode; dark mode lightens it)'),
})

/** A validated `page:` section. */
export type PageConfig = z.infer<typeof PageSchema>
