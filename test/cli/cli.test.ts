import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { main } from '../../src/cli/index.js'
import { captureIo } from '../support/cli-io.js'

const io = captureIo

describe('glasshouse CLI', () => {
  let server: Server
  let url: string
  let dir: string

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glasshouse-cli-'))
    server = createServer((req, res) => {
      res.writeHead(req.url === '/down' ? 503 : 200, { 'content-type': 'application/json' })
      res.end('{"status":"UP"}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  after(() => {
    server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('--help lists every sub-command with a description', async () => {
    const cli = io()
    assert.equal(await main(['--help'], cli.io), 0)
    for (const command of ['serve', 'probe', 'config', 'db']) assert.match(cli.out(), new RegExp(`\\n  ${command}\\b.+\\w`))
  })

  test('probe run --url alone implies http; --json prints the result contract; exit 0', async () => {
    const cli = io()
    const code = await main(['probe', 'run', '--url', `${url}/up`, '--condition', '[BODY].status == UP', '--once', '--json'], cli.io)
    assert.equal(code, 0, cli.err())
    const result = JSON.parse(cli.out())
    assert.equal(result.ok, true)
    assert.equal(result.calls[0].status, 200)
    for (const key of ['ok', 'durationMs', 'steps', 'calls', 'failure']) assert.ok(key in result, key)
  })

  test('a probe that ran and failed exits 1 and names the failure', async () => {
    const cli = io()
    assert.equal(await main(['probe', 'run', 'http', '--url', `${url}/down`, '--once'], cli.io), 1)
    assert.match(cli.out(), /✕ adhoc-http failed \(http_5xx\)/)
  })

  test('bad flags and unknown check names are usage errors (exit 2)', async () => {
    const badUrl = io()
    assert.equal(await main(['probe', 'run', 'http', '--url', 'ftp://x', '--once'], badUrl.io), 2)
    assert.match(badUrl.err(), /--url/)
    const badCondition = io()
    assert.equal(await main(['probe', 'run', 'tcp', '--host', '127.0.0.1', '--port', 'eighty', '--once'], badCondition.io), 2)
    const unknown = io()
    writeFileSync(join(dir, 'glasshouse.yaml'), `checks:\n  - name: api\n    kind: http\n    url: ${url}/up\n`)
    assert.equal(await main(['probe', 'run', 'nope', '--once'], io({}, dir).io), 2)
    assert.equal(await main(['probe', 'run', 'nope', '--once', '--config', join(dir, 'glasshouse.yaml')], unknown.io), 2)
    assert.match(unknown.err(), /no check named "nope"; configured: api/)
    assert.equal(await main(['no-such-command'], io().io), 2)
  })

  test('a configured check runs by name', async () => {
    const cli = io({ GLASSHOUSE_CONFIG: join(dir, 'glasshouse.yaml') })
    assert.equal(await main(['probe', 'run', 'api', '--once'], cli.io), 0, cli.err())
    assert.match(cli.out(), /✓ api passed/)
  })

  test('config check reports every error as file:line:col and exits 2', async () => {
    const file = join(dir, 'bad.yaml')
    writeFileSync(file, 'checks:\n  - name: a\n    kind: http\n    url: nope\n    intervall: 5s\n')
    const cli = io()
    assert.equal(await main(['config', 'check', file], cli.io), 2)
    assert.match(cli.err(), new RegExp(`${file}:4:10: checks\\[0\\]\\.url: `))
    assert.match(cli.err(), new RegExp(`${file}:5:5: checks\\[0\\]`))
    const good = io()
    assert.equal(await main(['config', 'check', join(dir, 'glasshouse.yaml')], good.io), 0)
    assert.match(good.out(), /ok \(1 check\)/)
  })

  test('config schema prints a JSON Schema', async () => {
    const cli = io()
    assert.equal(await main(['config', 'schema'], cli.io), 0)
    const schema = JSON.parse(cli.out())
    assert.match(schema.$schema, /json-schema\.org/)
    assert.ok(schema.properties.checks)
  })

  test('db migrate and backup work without a config; an unwritable data dir exits 3', async () => {
    const dataDir = join(dir, 'data')
    const migrate = io()
    assert.equal(await main(['db', 'migrate', '--data-dir', dataDir], migrate.io), 0, migrate.err())
    const again = io()
    assert.equal(await main(['db', 'migrate', '--data-dir', dataDir], again.io), 0)
    assert.match(again.out(), /up to date/)
    const backup = io()
    assert.equal(await main(['db', 'backup', join(dir, 'copy.db'), '--data-dir', dataDir], backup.io), 0, backup.err())
    writeFileSync(join(dir, 'a-file'), 'x')
    const unwritable = io()
    assert.equal(await main(['db', 'migrate', '--data-dir', join(dir, 'a-file', 'data')], unwritable.io), 3)
    assert.equal(unwritable.err().trim().split('\n').length, 1)
    const serveUnwritable = io()
    assert.equal(await main(['serve', '--data-dir', join(dir, 'a-file', 'data'), '--listen', '127.0.0.1:0'], serveUnwritable.io), 3)
    const serveNoDatabase = io()
    const args = ['serve', '--database-url', 'postgres://glasshouse:hunter2@127.0.0.1:1/glasshouse', '--listen', '127.0.0.1:0']
    assert.equal(await main(args, serveNoDatabase.io), 3)
    assert.doesNotMatch(serveNoDatabase.err(), /hunter2/)
  })

  test('db backup on PostgreSQL says to use pg_dump (exit 2)', { skip: process.env.GLASSHOUSE_TEST_PG_URL ? false : 'needs GLASSHOUSE_TEST_PG_URL' }, async () => {
    const cli = io()
    assert.equal(await main(['db', 'backup', join(dir, 'pg.db'), '--database-url', process.env.GLASSHOUSE_TEST_PG_URL!], cli.io), 2)
    assert.match(cli.err(), /pg_dump/)
  })

  test('serve refuses an invalid config with exit 2 and every error', async () => {
    const file = join(dir, 'invalid.yaml')
    writeFileSync(file, 'server:\n  listen: nowhere\nchecks:\n  - name: tcp\n    kind: tcp\n    host: h\n    port: 0\n')
    const cli = io()
    assert.equal(await main(['serve', '--config', file], cli.io), 2)
    assert.equal(cli.err().trim().split('\n').length, 3, cli.err())
  })
})
