/**
 * The publish command and the service around it: the command gets the generation's folder (a
 * shell script copies it to a second directory); a failing, hanging or missing command is
 * reported (log, /metrics) and never fatal; secrets stay out of the captured output; renders
 * never overlap.
 */
import assert from 'node:assert/strict'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { createMetrics } from '../../src/metrics/index.js'
import { createStaticCopy, runPublish, StaticCopySchema, staticCopyMetrics, type RequestableApp, type StaticCopyConfig } from '../../src/static-copy/index.js'
import { createStatusReader } from '../../src/status/index.js'
import { systemClock } from '../../src/core/index.js'
import { testServerApp } from '../support/server-app.js'
import { servePage, type ServedPage } from '../web/fixture.js'

const SECRET = 'hunter2-canary-secret'
const COPY_SCRIPT = `#!/bin/sh
set -e
echo "publishing $1 with ${SECRET}"
mkdir -p "$2"
cp -R "$1"/. "$2"/
`

interface LogLine {
  level: string
  obj: Record<string, unknown>
  msg: string | undefined
}

function recordingLog(lines: LogLine[]) {
  const at = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj: obj as Record<string, unknown>, msg })
  return { info: at('info'), warn: at('warn'), error: at('error') }
}

describe('publishing the static copy', () => {
  let work: string
  let served: ServedPage
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'gh-static-pub-'))
    await writeFile(join(work, 'copy.sh'), COPY_SCRIPT)
    await chmod(join(work, 'copy.sh'), 0o755)
    served = await servePage()
  })
  after(async () => {
    await served?.close()
    await rm(work, { recursive: true, force: true })
  })

  test('the command gets the folder as {dir} and in $GLASSHOUSE_STATIC_DIR; output is captured with secrets redacted', async () => {
    const outcome = await runPublish({ command: ['/bin/sh', '-c', 'echo "$GLASSHOUSE_STATIC_DIR $0 $1"', '{dir}', SECRET], dir: '/tmp/gen-x', timeoutMs: 5_000, secrets: [SECRET] })
    assert.equal(outcome.ok, true, outcome.reason)
    assert.equal(outcome.output.trim(), '/tmp/gen-x /tmp/gen-x ***')
  })

  test('failures say why: exit code, timeout, missing program', async () => {
    const failed = await runPublish({ command: ['/bin/sh', '-c', 'echo nope >&2; exit 3'], dir: work, timeoutMs: 5_000, secrets: [] })
    assert.deepEqual([failed.ok, failed.exitCode, failed.reason, failed.output.trim()], [false, 3, 'exited with 3', 'nope'])
    const hung = await runPublish({ command: ['/bin/sleep', '10'], dir: work, timeoutMs: 200, secrets: [] })
    assert.equal(hung.ok, false)
    assert.equal(hung.timedOut, true)
    assert.ok(hung.durationMs < 5_000, `${hung.durationMs} ms`)
    const missing = await runPublish({ command: [join(work, 'no-such-program')], dir: work, timeoutMs: 1_000, secrets: [] })
    assert.equal(missing.ok, false)
    assert.match(missing.reason, /could not start/)
  })

  function service(config: Partial<StaticCopyConfig>, lines: LogLine[], app: RequestableApp = testServerApp(served.store)) {
    const metrics = createMetrics()
    const copy = createStaticCopy({
      app,
      status: createStatusReader({ store: served.store, clock: systemClock }),
      config: () => ({ ...StaticCopySchema.parse({}), dir: join(work, 'root'), ...config }),
      dataDir: () => work,
      name: () => 'Test cloud',
      now: () => Date.now(),
      log: recordingLog(lines),
      metrics: staticCopyMetrics(metrics.registers),
      secrets: () => [SECRET],
    })
    return { copy, metrics }
  }

  test('after a render the command copies the generation to a second directory', async () => {
    const second = join(work, 'second')
    const lines: LogLine[] = []
    const { copy, metrics } = service({ publishCommand: [join(work, 'copy.sh'), '{dir}', second] }, lines)
    const outcome = await copy.renderNow()
    await copy.stop()
    assert.equal(outcome.publish?.ok, true, outcome.publish?.reason)
    assert.equal(await readFile(join(second, 'en', 'index.html'), 'utf8'), await readFile(join(outcome.dir!, 'en', 'index.html'), 'utf8'))
    assert.ok((await readFile(join(second, 'de', 'index.html.gz'))).length > 0)
    const published = lines.find((line) => line.msg === 'static copy published')
    assert.ok(published !== undefined)
    assert.ok(!JSON.stringify(lines).includes(SECRET), 'the secret stays out of the log')
    assert.match(String(published.obj.output), /with \*\*\*/)
    const exposition = (await metrics.render(false)).body
    assert.match(exposition, /glasshouse_static_copy_publishes_total\{result="ok"\} 1/)
    assert.match(exposition, /glasshouse_static_copy_renders_total\{result="ok"\} 1/)
  })

  test('a failing command is logged and counted, the new generation stays current', async () => {
    const lines: LogLine[] = []
    const { copy, metrics } = service({ publishCommand: ['/bin/sh', '-c', `echo "denied for ${SECRET}" >&2; exit 7`] }, lines)
    const outcome = await copy.renderNow()
    await copy.stop()
    assert.ok(outcome.dir !== null)
    assert.equal(outcome.publish?.ok, false)
    const failure = lines.find((line) => line.level === 'error')
    assert.equal(failure?.msg, 'static copy: publish command failed')
    assert.equal(failure?.obj.reason, 'exited with 7')
    assert.equal(String(failure?.obj.output).trim(), 'denied for ***')
    assert.match((await metrics.render(false)).body, /glasshouse_static_copy_publishes_total\{result="failed"\} 1/)
    assert.equal(await readFile(join(work, 'root', 'current', 'en', 'index.html'), 'utf8'), await readFile(join(outcome.dir!, 'en', 'index.html'), 'utf8'))
  })

  test('a render that fails keeps the previous generation and is counted; renders never overlap', async () => {
    const lines: LogLine[] = []
    const live = testServerApp(served.store)
    let inFlight = 0
    let most = 0
    let broken = false
    const app: RequestableApp = {
      async request(path, init) {
        if (broken) throw new Error('the app is broken')
        inFlight += 1
        most = Math.max(most, inFlight)
        try {
          return await live.request(path, init)
        } finally {
          inFlight -= 1
        }
      },
    }
    const { copy, metrics } = service({}, lines, app)
    const outcomes = await Promise.all([copy.renderNow(), copy.renderNow(), copy.renderNow()])
    assert.equal(most, 1, 'one request at a time: renders ran one after another')
    assert.equal(new Set(outcomes.map((outcome) => outcome.dir)).size, 3)
    broken = true
    const failed = await copy.renderNow()
    await copy.stop()
    assert.equal(failed.dir, null)
    assert.ok(lines.some((line) => line.level === 'error' && line.msg?.includes('render failed')))
    assert.match((await metrics.render(false)).body, /glasshouse_static_copy_renders_total\{result="failed"\} 1/)
    assert.equal(await readFile(join(work, 'root', 'current', 'en', 'index.html'), 'utf8'), await readFile(join(outcomes[2]!.dir!, 'en', 'index.html'), 'utf8'))
  })
})
