/**
 * Boolean expressions over flag names (`down || (slow && !errors)`): a small recursive-descent
 * parser that never throws, a canonical printer and an evaluator.
 *
 * @module
 */

/** A parsed expression. `column` is the 1-based column of the flag name in the source text. */
export type Expr =
  | { type: 'flag'; name: string; column: number }
  | { type: 'not'; operand: Expr }
  | { type: 'and' | 'or'; left: Expr; right: Expr }

/** The result of {@link parseExpression}; `column` is 1-based within the expression text. */
export type ExpressionParse = { ok: true; expr: Expr } | { ok: false; message: string; column: number }

type Token =
  | { type: 'name'; text: string; column: number }
  | { type: '&&' | '||' | '!' | '(' | ')' | 'end'; column: number }

class ParseFailure {
  constructor(
    readonly message: string,
    readonly column: number,
  ) {}
}

const MAX_LENGTH = 1000
const MAX_DEPTH = 64
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const char = text[i]!
    const column = i + 1
    if (char === ' ' || char === '\t') {
      i++
    } else if (char === '&' || char === '|') {
      if (text[i + 1] !== char) throw new ParseFailure(`expected ${char}${char}, not a single ${char}`, column)
      tokens.push({ type: char === '&' ? '&&' : '||', column })
      i += 2
    } else if (char === '!' || char === '(' || char === ')') {
      tokens.push({ type: char, column })
      i++
    } else {
      NAME.lastIndex = i
      const match = NAME.exec(text)
      if (match === null) throw new ParseFailure(`unexpected character ${JSON.stringify(char)}`, column)
      tokens.push({ type: 'name', text: match[0], column })
      i += match[0].length
    }
  }
  tokens.push({ type: 'end', column: text.length + 1 })
  return tokens
}

function describe(token: Token): string {
  if (token.type === 'end') return 'the end'
  return token.type === 'name' ? `"${token.text}"` : `"${token.type}"`
}

class Parser {
  private position = 0
  private depth = 0

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Expr {
    const expr = this.or()
    const next = this.peek()
    if (next.type !== 'end') {
      const hint = next.type === ')' ? 'a ")" without its "("' : `${describe(next)}; expected && or ||`
      throw new ParseFailure(`unexpected ${hint}`, next.column)
    }
    return expr
  }

  private peek(): Token {
    return this.tokens[this.position]!
  }

  private or(): Expr {
    let left = this.and()
    while (this.peek().type === '||') {
      this.position++
      left = { type: 'or', left, right: this.and() }
    }
    return left
  }

  private and(): Expr {
    let left = this.unary()
    while (this.peek().type === '&&') {
      this.position++
      left = { type: 'and', left, right: this.unary() }
    }
    return left
  }

  private unary(): Expr {
    const token = this.peek()
    if (++this.depth > MAX_DEPTH) throw new ParseFailure(`nested deeper than ${MAX_DEPTH} levels`, token.column)
    try {
      if (token.type === '!') {
        this.position++
        return { type: 'not', operand: this.unary() }
      }
      return this.primary()
    } finally {
      this.depth--
    }
  }

  private primary(): Expr {
    const token = this.peek()
    if (token.type === 'name') {
      this.position++
      return { type: 'flag', name: token.text, column: token.column }
    }
    if (token.type === '(') {
      this.position++
      const inner = this.or()
      const close = this.peek()
      if (close.type !== ')') throw new ParseFailure(`expected ")" to close the "(" at column ${token.column}, found ${describe(close)}`, close.column)
      this.position++
      return inner
    }
    throw new ParseFailure(`expected a flag name, "!" or "(", found ${describe(token)}`, token.column)
  }
}

/**
 * Parses an expression over flag names with `&&`, `||`, `!` and parentheses (`!` binds tightest,
 * then `&&`, then `||`). Never throws: a problem comes back with its 1-based column.
 *
 * @example
 * parseExpression('slow && !errors')  // { ok: true, expr: { type: 'and', … } }
 * parseExpression('slow & errors')    // { ok: false, message: 'expected &&, not a single &', column: 6 }
 */
export function parseExpression(text: string): ExpressionParse {
  if (typeof text !== 'string') return { ok: false, message: 'an expression is text', column: 1 }
  if (text.length > MAX_LENGTH) return { ok: false, message: `an expression has at most ${MAX_LENGTH} characters`, column: MAX_LENGTH + 1 }
  if (text.trim() === '') return { ok: false, message: 'an expression may not be empty', column: 1 }
  try {
    return { ok: true, expr: new Parser(tokenize(text)).parse() }
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, message: error.message, column: error.column }
    throw error
  }
}

/**
 * The flag names an expression uses, each with the column of its first use, in order of appearance.
 *
 * @example
 * flagsOf(parsed) // [{ name: 'slow', column: 1 }, { name: 'errors', column: 10 }]
 */
export function flagsOf(expr: Expr): { name: string; column: number }[] {
  const seen = new Map<string, number>()
  const walk = (node: Expr): void => {
    if (node.type === 'flag') {
      if (!seen.has(node.name)) seen.set(node.name, node.column)
    } else if (node.type === 'not') walk(node.operand)
    else {
      walk(node.left)
      walk(node.right)
    }
  }
  walk(expr)
  return [...seen].map(([name, column]) => ({ name, column }))
}

/**
 * Decides an expression for the given raised flags; a flag missing from `raised` is not raised.
 *
 * @example
 * evaluateExpression(expr, new Set(['slow'])) // true for 'slow && !errors'
 */
export function evaluateExpression(expr: Expr, raised: ReadonlySet<string>): boolean {
  switch (expr.type) {
    case 'flag':
      return raised.has(expr.name)
    case 'not':
      return !evaluateExpression(expr.operand, raised)
    case 'and':
      return evaluateExpression(expr.left, raised) && evaluateExpression(expr.right, raised)
    case 'or':
      return evaluateExpression(expr.left, raised) || evaluateExpression(expr.right, raised)
  }
}

const PRECEDENCE = { or: 1, and: 2, not: 3, flag: 4 } as const

/**
 * Prints an expression canonically, with only the parentheses it needs; parsing the text gives the
 * same tree back (columns aside).
 *
 * @example
 * formatExpression(parsed) // 'down || slow && !errors'
 */
export function formatExpression(expr: Expr): string {
  const wrap = (child: Expr, minimum: number): string => {
    const text = formatExpression(child)
    return PRECEDENCE[child.type] < minimum ? `(${text})` : text
  }
  switch (expr.type) {
    case 'flag':
      return expr.name
    case 'not':
      return `!${wrap(expr.operand, PRECEDENCE.not)}`
    case 'and':
      return `${wrap(expr.left, PRECEDENCE.and)} && ${wrap(expr.right, PRECEDENCE.and + 1)}`
    case 'or':
      return `${wrap(expr.left, PRECEDENCE.or)} || ${wrap(expr.right, PRECEDENCE.or + 1)}`
  }
}
