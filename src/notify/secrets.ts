/**
 * The secrets of a receiver — passwords, signing secrets, header values, the userinfo and query of
 * its URL — and the one function every log line, CLI line and stored error goes through.
 *
 * @module
 */
import { redactText } from '../core/index.js'
import type { ReceiverConfig } from '../config/index.js'

function urlSecrets(text: string): string[] {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return []
  }
  const found = [url.password]
  for (const value of url.searchParams.values()) found.push(value)
  // A path segment can be the secret itself (https://hc-ping.com/<uuid>, Slack-style hooks).
  for (const segment of url.pathname.split('/')) if (segment.length >= 16) found.push(segment)
  return found.filter((value) => value.length >= 4)
}

/**
 * Every secret value of `receiver`.
 *
 * @example
 * receiverSecrets({ kind: 'webhook', secret: 'whsec_…', url: 'https://h/x?key=k3y', … }) // ['whsec_…', 'k3y', …]
 */
export function receiverSecrets(receiver: ReceiverConfig): string[] {
  const found: string[] = []
  if (receiver.kind === 'email') {
    if (receiver.password) found.push(receiver.password)
  } else {
    found.push(...urlSecrets(receiver.url), ...Object.values(receiver.headers).filter((value) => value.length >= 4))
    for (const value of Object.values(receiver.headers)) {
      const token = /^\S+\s+(\S{4,})$/.exec(value)?.[1]
      if (token) found.push(token)
    }
  }
  if (receiver.kind === 'webhook') found.push(receiver.secret, receiver.secret.slice('whsec_'.length))
  return found
}

/**
 * Every secret value of a URL (its password, query values and long path segments), for the heartbeat.
 *
 * @example
 * urlSecretsOf('https://hc-ping.com/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0') // ['0f1e2d3c-…']
 */
export function urlSecretsOf(url: string): string[] {
  return urlSecrets(url)
}

/**
 * Replaces every secret in `text` with `***`.
 *
 * @example
 * redactSecrets('POST https://u:pw@h failed', ['pw']) // 'POST https://u:***@h failed'
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return redactText(text, secrets)
}

