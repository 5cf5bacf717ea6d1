/**
 * What the iterations of one {@link OpenStackClient} share: settings, the token, and the
 * microversions learned so far.
 *
 * @module
 */
import type { Clock } from '../../core/clock.js'
import type { ProbeLogger } from '../../probes/probe.js'
import type { ResolvedCloud } from '../clouds-config/types.js'
import type { RetryPolicy, TimeoutSettings } from '../http/index.js'
import type { Token, TokenOutcome } from '../keystone/index.js'
import type { MicroversionRange } from './microversion.js'

/** Settings and caches shared by a client's iterations. */
export interface ClientState {
  cloud: ResolvedCloud
  clock: Clock
  log: ProbeLogger
  timeouts: TimeoutSettings
  policy: RetryPolicy
  maxBodyBytes: number
  connectTimeoutMs: number
  renewBeforeMs: number
  token: Token | null
  pendingToken: Promise<TokenOutcome> | null
  /** Every token value issued, so no output can carry one. */
  issuedTokens: string[]
  /** Version-document ranges by endpoint URL. */
  ranges: Map<string, MicroversionRange>
  /** The microversion sent to each service unless a call asks for another. */
  microversions: Map<string, string>
}

/** Services whose `<service>_api_version` of the form `2.79` is a microversion. */
export const MICROVERSION_SERVICES: ReadonlySet<string> = new Set(['compute', 'block-storage', 'placement', 'baremetal', 'shared-file-system'])
