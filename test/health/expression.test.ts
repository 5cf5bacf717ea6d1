import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { evaluateExpression, flagsOf, formatExpression, parseExpression } from '../../src/health/index.js'
import type { Expr } from '../../src/health/index.js'

function parsed(text: string): Expr {
  const result = parseExpression(text)
  assert.ok(result.ok, `expected ${text} to parse`)
  return result.expr
}

function holds(text: string, raised: string[]): boolean {
  return evaluateExpression(parsed(text), new Set(raised))
}

function withoutColumns(expr: Expr): unknown {
  return JSON.parse(JSON.stringify(expr, (key, value) => (key === 'column' ? undefined : value)))
}

describe('parseExpression', () => {
  test('precedence: ! binds tightest, then &&, then ||', () => {
    assert.equal(formatExpression(parsed('a || b && !c')), 'a || b && !c')
    assert.equal(holds('a || b && c', ['a']), true)
    assert.equal(holds('(a || b) && c', ['a']), false)
    assert.equal(holds('!a && b', ['b']), true)
    assert.equal(holds('!(a && b)', ['a', 'b']), false)
    assert.equal(holds('!!a', ['a']), true)
  })

  test('whitespace is free, names are letters, digits and _', () => {
    assert.equal(formatExpression(parsed('  slow&&!errors_5m ')), 'slow && !errors_5m')
    assert.deepEqual(flagsOf(parsed('slow && !errors || slow')), [
      { name: 'slow', column: 1 },
      { name: 'errors', column: 10 },
    ])
  })

  const bad: [string, number, RegExp][] = [
    ['', 1, /empty/],
    ['   ', 1, /empty/],
    ['slow & errors', 6, /expected &&/],
    ['slow | errors', 6, /expected \|\|/],
    ['slow &&', 8, /expected a flag name.*the end/],
    ['&& slow', 1, /expected a flag name/],
    ['(slow || down', 14, /expected "\)" to close the "\(" at column 1/],
    ['slow)', 5, /without its/],
    ['slow down', 6, /expected && or \|\|/],
    ['slow && 5xx', 9, /unexpected character "5"/],
    ['errors.rate', 7, /unexpected character "\."/],
    ['()', 2, /expected a flag name/],
  ]
  for (const [text, column, message] of bad) {
    test(`"${text}" fails at column ${column}`, () => {
      const result = parseExpression(text)
      assert.equal(result.ok, false)
      if (result.ok) return
      assert.equal(result.column, column)
      assert.match(result.message, message)
    })
  }

  test('deep nesting and long text are refused, not a stack overflow', () => {
    const deep = parseExpression(`${'('.repeat(200)}a${')'.repeat(200)}`)
    assert.equal(deep.ok, false)
    assert.match(deep.ok ? '' : deep.message, /nested deeper/)
    const long = parseExpression(`a${' || a'.repeat(400)}`)
    assert.equal(long.ok, false)
    assert.match(long.ok ? '' : long.message, /at most 1000/)
    assert.equal(parseExpression(`${'!'.repeat(60)}a`).ok, true)
  })

  test('never throws on arbitrary input, and a failure always has a column inside or just after the text', () => {
    const alphabet = fc.constantFrom('a', 'b', '_', '1', ' ', '&', '|', '!', '(', ')', '.', 'é', '\n')
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.array(alphabet, { maxLength: 80 }).map((chars) => chars.join(''))), (text) => {
        const result = parseExpression(text)
        if (!result.ok) {
          assert.ok(result.column >= 1 && result.column <= Math.min(text.length, 1000) + 1)
          assert.ok(result.message.length > 0)
        }
      }),
      { numRuns: 2000 },
    )
  })
})

const flagName = fc.constantFrom('down', 'slow', 'errors', 'stale_r1', 'x')
const expression: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    flagName.map((name): Expr => ({ type: 'flag', name, column: 0 })),
    tie('expr').map((operand): Expr => ({ type: 'not', operand })),
    fc.tuple(fc.constantFrom('and' as const, 'or' as const), tie('expr'), tie('expr')).map(([type, left, right]): Expr => ({ type, left, right })),
  ),
})).expr

function reference(expr: Expr, raised: ReadonlySet<string>): boolean {
  if (expr.type === 'flag') return raised.has(expr.name)
  if (expr.type === 'not') return !reference(expr.operand, raised)
  const [left, right] = [reference(expr.left, raised), reference(expr.right, raised)]
  return expr.type === 'and' ? left && right : left || right
}

describe('formatExpression', () => {
  test('round-trip: parsing the printed form gives the same tree', () => {
    fc.assert(
      fc.property(expression, (expr) => {
        const text = formatExpression(expr)
        if (text.length > 1000) return
        const back = parseExpression(text)
        assert.ok(back.ok, text)
        assert.deepEqual(withoutColumns(back.expr), withoutColumns(expr))
      }),
      { numRuns: 1000 },
    )
  })

  test('the parsed expression evaluates like the tree it came from', () => {
    fc.assert(
      fc.property(expression, fc.subarray(['down', 'slow', 'errors', 'stale_r1', 'x']), (expr, raised) => {
        const text = formatExpression(expr)
        if (text.length > 1000) return
        const back = parseExpression(text)
        assert.ok(back.ok)
        assert.equal(evaluateExpression(back.expr, new Set(raised)), reference(expr, new Set(raised)))
      }),
      { numRuns: 1000 },
    )
  })
})
