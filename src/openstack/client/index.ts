/**
 * The OpenStack REST client: iterations, typed calls, microversions, pagination, errors.
 *
 * @module
 */
export { OpenStackClient } from './client.js'
export type { OpenStackClientOptions } from './client.js'
export { OpenStackError } from './errors.js'
export type { OpenStackErrorDetails } from './errors.js'
export {
  compareMicroversions,
  microversionHeaders,
  microversionRange,
  negotiateMicroversion,
  VersionDocumentSchema,
} from './microversion.js'
export type { MicroversionRange, VersionDocument } from './microversion.js'
export { listAll } from './pagination.js'
export type { PageOptions } from './pagination.js'
export { OpenStackSession } from './session.js'
export type { ApiResponse, RequestParams } from './session.js'
export { buildUrl, fillPath } from './url.js'
export type { QueryValue } from './url.js'
export { versionDocumentUrl } from './versions.js'
