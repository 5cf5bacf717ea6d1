/**
 * Logging.
 *
 * @module
 */
export { createLogger, LOG_LEVELS, REDACTED_PATHS, type LogLevel, type Logger } from './logger.js'
