/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * How a line diff looks on a public page: one line per `<span>` marked `added`, `removed` or
 * `same` (with `+ `, `- ` or two spaces in front, so it reads without colour and prints), and a
 * note where unchanged lines are left out. The handbook's page history and a postmortem's
 * revision history show their diffs this way.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { DiffHunk } from './diff.js'

/**
 * The hunks of a diff inside a `<div class={className}>`.
 *
 * @example
 * <DiffHunksView hunks={diffHunks(diffLines(before, after))} className="handbook-diff" unchangedLines={(n) => `${n} unchanged lines`} />
 */
export const DiffHunksView: FC<{ hunks: readonly DiffHunk[]; className: string; unchangedLines: (count: number) => string }> = ({ hunks, className, unchangedLines }) => (
  <div class={className}>
    {hunks.map((hunk) => (
      <>
        {hunk.skipped === 0 ? '' : <span class="skipped">{unchangedLines(hunk.skipped)}</span>}
        {hunk.lines.map((line) => (
          <span class={line.kind}>
            {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
            {line.text}
          </span>
        ))}
      </>
    ))}
  </div>
)
