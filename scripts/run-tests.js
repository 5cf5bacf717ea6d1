#!/usr/bin/env node
// Runs the type check, then every *.test.ts under src/ and test/ with node:test through tsx.
// Node 20's --test neither expands globs nor finds .ts files, so this script lists them.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const only = process.argv.slice(2)

function findTests(dir) {
  const found = []
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) found.push(...findTests(path))
    else if (entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) found.push(path)
  }
  return found
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root })
  return result.status ?? 1
}

let files = ['src', 'test'].flatMap((dir) => findTests(join(root, dir))).sort()
if (only.length > 0) files = files.filter((file) => only.some((word) => file.includes(word)))
if (files.length === 0) {
  console.error('no test files found')
  process.exit(1)
}

if (only.length === 0) {
  console.error('type check (tsc --noEmit)…')
  const tscStatus = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'])
  if (tscStatus !== 0) process.exit(tscStatus)
}

console.error(`running ${files.length} test files`)
const status = run(process.execPath, [
  '--import',
  'tsx',
  '--test',
  '--test-reporter=spec',
  ...files.map((file) => relative(root, file)),
])
process.exit(status)
