/**
 * The HTTP API (v1) and the error shape shared by every route.
 *
 * @module
 */
export { createApiApp, type ApiDeps } from './app.js'
export type { PhaseNames } from './routes/incidents.js'
export { ApiError, ProblemSchema, problemResponse, validationProblem, type Problem } from './problem.js'
export { isLoopbackRequest, loopbackOnly } from './access.js'
