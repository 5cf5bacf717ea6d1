/**
 * The command-line interface.
 *
 * @module
 */
export { main } from './main.js'
export { EXIT, processIo, type CliIo } from './io.js'
