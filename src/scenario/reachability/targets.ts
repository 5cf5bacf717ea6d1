/**
 * Input checks for what ends up on a command line or in a remote shell: host names, addresses,
 * user names, and shell quoting of free text (markers, paths).
 *
 * @module
 */

const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,252})$/
const USER = /^[a-z_][a-z0-9_.-]{0,31}$/i

/**
 * Why `target` cannot be a host name or IP address, else null. Refuses anything that could be
 * read as an option (`-oProxyCommand=…`) or shell syntax.
 *
 * @example
 * invalidTarget('203.0.113.5') // null
 * invalidTarget('-oProxyCommand=x') // 'not a host name or address: "-oProxyCommand=x"'
 */
export function invalidTarget(target: string): string | null {
  return HOST.test(target) ? null : `not a host name or address: ${JSON.stringify(target.slice(0, 80))}`
}

/** Why `user` cannot be a login name, else null. */
export function invalidUser(user: string): string | null {
  return USER.test(user) ? null : `not a login name: ${JSON.stringify(user.slice(0, 40))}`
}

/** Why `port` is not a TCP port, else null. */
export function invalidPort(port: number): string | null {
  return Number.isInteger(port) && port >= 1 && port <= 65_535 ? null : `not a TCP port: ${port}`
}

/**
 * Quotes `text` as one word for a POSIX shell.
 *
 * @example
 * shellQuote("it's") // `'it'\''s'`
 */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`
}
