/**
 * The `handbook:` section: the folder of Markdown pages published at `/handbook` (the open
 * handbook). Relative to the main config file's folder, so the pages live in the config
 * repository beside `glasshouse.yaml`.
 *
 * @module
 */
import { z } from 'zod'

/** `handbook:` — where the handbook's Markdown pages are. */
export const HandbookSchema = z.strictObject({
  dir: z.string().min(1).default('./handbook').describe('folder of the handbook pages (*.md), relative to the main config file; a missing folder publishes no pages'),
})

/** The validated `handbook:` section. */
export type HandbookConfig = z.infer<typeof HandbookSchema>
