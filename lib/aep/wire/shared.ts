import 'server-only'
import { z } from 'zod'

// Building blocks for tolerant wire schemas: Adobe adds fields freely (so objects are loose), and writes some numbers
// as strings (Data Access `created` and `length`), so numbers accept both.

export const numeric = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'a number written as a string')
    .transform(Number),
])

/** Adobe's code fields hold strings (`"403003"`) or numbers; we keep strings. */
export const codeString = z.union([z.string(), z.number()]).transform(String)

export const wireLink = z.looseObject({ href: z.string() })
