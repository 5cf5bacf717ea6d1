/**
 * One service of the catalog check: its version document and its list call(s), each timed. A
 * failed attempt fails the service even when its retry succeeded (it was an API error).
 *
 * @module
 */
import { z } from 'zod'
import type { Clock } from '../../core/clock.js'
import type { Failure, Step } from '../../core/result.js'
import { OpenStackError, versionDocumentUrl } from '../../openstack/index.js'
import type { CatalogService, OpenStackSession } from '../../openstack/index.js'
import { CATALOG_LIST_CALLS, listCallRequest, listSchema, operationForPath } from './table.js'
import type { ListCall } from './table.js'

/** What one service's step found. */
export interface ServiceOutcome {
  step: Step
  failure: Failure | null
}

const VersionDocument = z.record(z.string(), z.unknown())

/**
 * Checks one service; never rejects for anything the cloud does.
 *
 * @example
 * await checkService(session, service, projectId, undefined, clock)
 */
export async function checkService(
  session: OpenStackSession,
  service: CatalogService,
  projectId: string | null,
  urls: string | readonly string[] | undefined,
  clock: Clock,
): Promise<ServiceOutcome> {
  const started = clock.monotonic()
  const before = session.calls.length
  const { type } = service
  let error: OpenStackError | null = null
  const attempt = async (call: () => Promise<unknown>): Promise<void> => {
    try {
      await call()
    } catch (caught) {
      if (!(caught instanceof OpenStackError)) throw caught
      error ??= caught
    }
  }
  await attempt(() =>
    session.get(type, `${type}.version.get`, '', { baseUrl: versionDocumentUrl(service, projectId), expect: [200, 300] }, VersionDocument),
  )
  for (const call of listCalls(type, urls)) {
    const { pathTemplate, query } = listCallRequest(service.url, call)
    await attempt(() => session.get(type, call.operation, pathTemplate, { query }, listSchema(call.itemsKey)))
  }
  const durationMs = clock.monotonic() - started
  const failedAttempt = session.calls.slice(before).find((call) => call.failure !== null)
  const found = error as OpenStackError | null
  if (found) return failed(type, durationMs, found.code, found.message)
  if (failedAttempt?.failure) {
    const { code, message } = failedAttempt.failure
    return failed(type, durationMs, code, `${failedAttempt.operation} attempt ${failedAttempt.attempt}: ${message} (a retry succeeded)`)
  }
  return { step: { name: type, status: 'passed', reason: null, durationMs }, failure: null }
}

function failed(type: string, durationMs: number, code: Failure['code'], message: string): ServiceOutcome {
  const text = `${type}: ${message}`
  return { step: { name: type, status: 'failed', reason: text, durationMs }, failure: { code, message: text } }
}

function listCalls(type: string, urls: string | readonly string[] | undefined): ListCall[] {
  if (urls === undefined) {
    const builtIn = CATALOG_LIST_CALLS[type]
    return builtIn ? [builtIn] : []
  }
  const paths = typeof urls === 'string' ? [urls] : urls
  return paths.map((path) => ({ operation: operationForPath(type, path), path: path.startsWith('/') || path.startsWith('?') || path === '' ? path : `/${path}`, itemsKey: null }))
}
