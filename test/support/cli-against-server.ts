/**
 * The CLI against a served app: the app listens on a free loopback port, and the CLI's
 * `main(argv)` talks to it over HTTP as `glasshouse` would (`GLASSHOUSE_URL`, `GLASSHOUSE_TOKEN`).
 *
 * @module
 */
import type { AddressInfo } from 'node:net'
import { after, before } from 'node:test'
import { serve, type ServerType } from '@hono/node-server'
import { main } from '../../src/cli/index.js'
import { captureIo } from './cli-io.js'

/** One CLI run: its exit code and everything it wrote. */
export interface CliRun {
  code: number
  out: string
  err: string
}

/** A served app and a CLI pointed at it. */
export interface CliAgainstServer {
  /** `http://127.0.0.1:<port>` */
  url: string
  /** Runs `glasshouse <args>` with this bearer token (`null`: none). */
  run(args: string[], token: string | null): Promise<CliRun>
  /** Stops listening. */
  close(): Promise<void>
}

/** What a suite serves: an app and how to dispose of what it was built on. */
export interface ServableHarness {
  app: { fetch: (request: Request) => Response | Promise<Response> }
  dispose(): Promise<void>
}

/** A suite's harness served for the CLI; `harness` is there once the suite's `before` ran. */
export interface ServedHarness<H extends ServableHarness> extends Pick<CliAgainstServer, 'run'> {
  readonly harness: H
}

/**
 * Registers the current suite's `before` and `after`: starts a harness and serves its app for
 * the CLI, then stops serving and disposes of it.
 *
 * @example
 * describe('glasshouse incident', () => {
 *   const served = serveHarnessForCli(startWriteApi)
 *   test('list', async () => assert.equal((await served.run(['incident', 'list'], null)).code, 0))
 * })
 */
export function serveHarnessForCli<H extends ServableHarness>(start: () => Promise<H>): ServedHarness<H> {
  let harness: H | undefined
  let served: CliAgainstServer | undefined
  before(async () => {
    harness = await start()
    served = await serveForCli(harness.app.fetch)
  })
  after(async () => {
    await served?.close()
    await harness?.dispose()
  })
  return {
    get harness() {
      if (harness === undefined) throw new Error('the harness starts in the suite\'s before hook')
      return harness
    },
    run: (args, token) => served!.run(args, token),
  }
}

/**
 * Serves `fetch` on loopback and returns a CLI runner for it.
 *
 * @example
 * const served = await serveForCli(api.app.fetch)
 * const { code, out } = await served.run(['incident', 'list'], null)
 */
export async function serveForCli(fetch: (request: Request) => Response | Promise<Response>): Promise<CliAgainstServer> {
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started))
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    async run(args, token) {
      const cli = captureIo({ GLASSHOUSE_URL: url, ...(token === null ? {} : { GLASSHOUSE_TOKEN: token }) })
      const code = await main(args, cli.io)
      return { code, out: cli.out(), err: cli.err() }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
