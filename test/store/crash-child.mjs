// Launcher of crash-ingest.ts for crash.test.ts. It loads the heavy dependencies without the
// TypeScript loader first (tsx's module hooks make each of their hundreds of files slow to
// load), then registers tsx for our own .ts files: 40 children start in seconds, not a minute.
import 'kysely'
import 'pg'
import 'zod'
import 'better-sqlite3'
import { register } from 'tsx/esm/api'

register()
await import('./crash-ingest.ts')
