// A part file's name, as the browser sends it in `?path=`. Customer AI names look like
// `part-00000-tid-<19 digits>-<uuid>-<n>-1-c000.snappy.parquet`; anything that could walk a path or smuggle a
// separator past Adobe's gateway is refused before it is forwarded.
import { z } from 'zod'

export const partFileName = z
  .string({ error: 'The file name (path) is required.' })
  .min(1, 'The file name (path) is required.')
  .max(255, 'A file name has at most 255 characters.')
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'A file name cannot contain control characters.')
  .refine((name) => !/[/\\]/.test(name), 'A file name cannot contain / or \\.')
  .refine((name) => !/%(2f|5c|2e|00)/i.test(name), 'A file name cannot contain encoded separators.')
  .refine((name) => name !== '.' && name !== '..' && !name.includes('..'), 'A file name cannot contain "..".')
  .refine((name) => /^[A-Za-z0-9][A-Za-z0-9._=+ -]*$/.test(name), 'A file name uses letters, digits, dot, dash, underscore, equals, plus and space only.')
