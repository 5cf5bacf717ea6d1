import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { syncHandbook } from '../../src/handbook/index.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'

const T0 = Date.parse('2026-12-07T10:00:00Z')

function folder(): { dir: string; write(name: string, text: string): void; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gh-handbook-'))
  return { dir, write: (name, text) => writeFileSync(join(dir, name), text), remove: () => rmSync(dir, { recursive: true, force: true }) }
}

const parts = dialectParts()
for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`handbook revisions on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('a revision is stored on change only; removed pages are marked and keep their history; a page that comes back is stored again', async () => {
      const pages = folder()
      try {
        await withStore(dialect, async (store) => {
          pages.write('on-call.md', '---\ntitle: On-call\norder: 2\nsummary: Who answers the pager\n---\n# On call\n\nText.\n')
          pages.write('escalation.md', '# Escalation\n\nWho to call.\n')
          const first = await syncHandbook(store.handbook, pages.dir, T0)
          assert.deepEqual([first.changed.sort(), first.removed, first.problems], [['escalation', 'on-call'], [], []])
          const current = await store.handbook.current()
          assert.deepEqual(current.map((page) => [page.slug, page.revision, page.title, page.order, page.summary, page.gitCommit]), [
            ['escalation', 1, 'Escalation', null, null, null],
            ['on-call', 1, 'On-call', 2, 'Who answers the pager', null],
          ])

          assert.deepEqual((await syncHandbook(store.handbook, pages.dir, T0 + 1)).changed, [], 'an unchanged load stores nothing')
          pages.write('on-call.md', '---\ntitle: On-call\norder: 2\n---\n# On call\n\nText, revised.\n')
          assert.deepEqual((await syncHandbook(store.handbook, pages.dir, T0 + 2)).changed, ['on-call'])
          assert.deepEqual((await store.handbook.history('on-call')).map((page) => [page.revision, page.recordedAt, page.summary]), [[2, T0 + 2, null], [1, T0, 'Who answers the pager']])

          unlinkSync(join(pages.dir, 'escalation.md'))
          assert.deepEqual((await syncHandbook(store.handbook, pages.dir, T0 + 3)).removed, ['escalation'])
          assert.deepEqual((await store.handbook.history('escalation')).map((page) => [page.revision, page.removed]), [[2, true], [1, false]])
          assert.deepEqual((await syncHandbook(store.handbook, pages.dir, T0 + 4)).removed, [], 'removed once')
          pages.write('escalation.md', '# Escalation\n\nWho to call.\n')
          assert.deepEqual((await syncHandbook(store.handbook, pages.dir, T0 + 5)).changed, ['escalation'])
          assert.equal((await store.handbook.history('escalation'))[0]!.removed, false)
        })
      } finally {
        pages.remove()
      }
    })

    test('bad front matter and bad file names are reported with positions and keep the stored page; a missing folder removes nothing', async () => {
      const pages = folder()
      try {
        await withStore(dialect, async (store) => {
          pages.write('on-call.md', '---\ntitle: On-call\n---\nText\n')
          await syncHandbook(store.handbook, pages.dir, T0)
          pages.write('on-call.md', '---\ntitle: On-call\norder: soon\n---\nText\n')
          pages.write('Read Me.md', '# hi')
          const report = await syncHandbook(store.handbook, pages.dir, T0 + 1)
          assert.deepEqual(report.problems, [
            `${join(pages.dir, 'Read Me.md')}: skipped: a page's file name is its address: lower-case letters, digits and hyphens, then .md`,
            `${join(pages.dir, 'on-call.md')}:3:8: order: Invalid input: expected number, received string`,
          ])
          assert.deepEqual([report.changed, report.removed], [[], []])
          assert.equal((await store.handbook.current())[0]!.removed, false)
          const gone = await syncHandbook(store.handbook, join(pages.dir, 'nowhere'), T0 + 2)
          assert.deepEqual([gone.folderFound, gone.removed], [false, []])
        })
      } finally {
        pages.remove()
      }
    })
  })
}

describe('handbook revisions in a git checkout', () => {
  test('each revision records the last commit of its file', async () => {
    const pages = folder()
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd: pages.dir, encoding: 'utf8' }).trim()
    try {
      git('init', '-q')
      pages.write('on-call.md', '# On-call\n')
      git('add', 'on-call.md')
      git('commit', '-q', '-m', 'first')
      const first = git('rev-parse', 'HEAD')
      await withStore('sqlite', async (store) => {
        await syncHandbook(store.handbook, pages.dir, T0)
        pages.write('on-call.md', '# On-call\n\nPager rota.\n')
        git('commit', '-q', '-am', 'second')
        const second = git('rev-parse', 'HEAD')
        await syncHandbook(store.handbook, pages.dir, T0 + 1)
        assert.notEqual(first, second)
        assert.deepEqual((await store.handbook.history('on-call')).map((page) => page.gitCommit), [second, first])
      })
    } finally {
      pages.remove()
    }
  })
})
