import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { diffHunks, diffLines, renderHandbookBody, searchHandbook, searchTerms } from '../../src/handbook/index.js'
import { renderText } from '../../src/web/markdown.js'

describe('handbook text: search, diff, contents', () => {
  test('search ranks title hits above body hits, needs every term, and ignores short words', () => {
    const pages = [
      { slug: 'change-management', title: 'Change management', summary: null, content: '# Change management\n\nEvery change has a maintenance window.' },
      { slug: 'maintenance', title: 'Maintenance announcements', summary: 'At least 36 h notice', content: '# Maintenance\n\nWe announce maintenance 36 h ahead.' },
      { slug: 'on-call', title: 'On-call', summary: null, content: 'Nothing relevant.' },
    ]
    assert.deepEqual(searchTerms('a Maintenance, maintenance! 36h'), ['maintenance', '36h'])
    assert.deepEqual(searchHandbook(pages, 'maintenance').map((hit) => hit.slug), ['maintenance', 'change-management'])
    assert.deepEqual(searchHandbook(pages, 'maintenance notice').map((hit) => hit.slug), ['maintenance'])
    assert.deepEqual(searchHandbook(pages, 'x'), [])
    const snippet = searchHandbook(pages, 'window')[0]!.snippet
    assert.deepEqual(snippet.filter((part) => part.hit).map((part) => part.text), ['window'])
    assert.equal(snippet.map((part) => part.text).join(''), 'Change management Every change has a maintenance window.')
  })

  test('line diff: unchanged lines kept, changes in order, hunks with context', () => {
    const before = Array.from({ length: 12 }, (_, i) => `line ${i}`).join('\n')
    const after = before.replace('line 1\n', 'line one\n') + '\nline 12'
    const lines = diffLines(before, after)
    assert.deepEqual(lines.filter((line) => line.kind !== 'same'), [
      { kind: 'removed', text: 'line 1' },
      { kind: 'added', text: 'line one' },
      { kind: 'added', text: 'line 12' },
    ])
    const hunks = diffHunks(lines)
    assert.deepEqual(hunks.map((hunk) => [hunk.skipped, hunk.lines.length]), [[0, 6], [4, 4]])
    assert.deepEqual(diffHunks(diffLines('same\n', 'same\n')), [])
    const long = Array.from({ length: 20_000 }, (_, i) => `row ${i}`)
    const edited = diffLines(long.join('\n'), long.map((line, i) => (i === 10_000 ? 'changed' : line)).join('\n'))
    assert.deepEqual(edited.filter((line) => line.kind !== 'same').map((line) => line.kind), ['removed', 'added'], 'a long page with one change diffs exactly')
    const replaced = diffLines(long.slice(0, 2000).join('\n'), long.slice(2000, 4000).join('\n'))
    assert.equal(replaced.length, 4000, 'beyond the limit the changed part is shown removed and added')
  })

  test('contents list ## and ### headings with unique anchors; page links resolve, others stay', () => {
    const body = renderHandbookBody('## Steps\n### Steps\n#### Deep\n[a](./on-call.md) [b](other.txt) [c](/handbook/x) [d](https://x.example/y.md)')
    assert.deepEqual(body.toc, [
      { level: 2, id: 'steps', text: 'Steps' },
      { level: 3, id: 'steps-1', text: 'Steps' },
    ])
    assert.match(renderText('See [our escalation policy](/handbook/escalation#levels).'), /<a href="\/handbook\/escalation#levels" rel="nofollow noopener ugc">our escalation policy<\/a>/, 'incident texts link to handbook pages')
    assert.match(body.html, /<a href="\/handbook\/on-call">a<\/a> <a href="other.txt">b<\/a> <a href="\/handbook\/x">c<\/a> <a href="https:\/\/x.example\/y.md">d<\/a>/)
  })
})
