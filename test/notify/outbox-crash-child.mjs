// Launcher of outbox-crash-worker.ts for outbox-crash.test.ts. It loads the heavy dependencies
// without the TypeScript loader first (tsx's hooks make each of their files slow to load), then
// registers tsx for our own .ts files, so each of the test's many restarts is quick.
import 'kysely'
import 'pg'
import 'zod'
import 'better-sqlite3'
import 'undici'
import 'nodemailer'
import { register } from 'tsx/esm/api'

register()
await import('./outbox-crash-worker.ts')
