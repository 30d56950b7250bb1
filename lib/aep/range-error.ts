import 'server-only'
import { AppError, type AppErrorOptions } from '@/lib/errors'

/** Adobe answered 416: the requested range lies outside the file. `size` (from `Content-Range: bytes *\/N`) lets the route answer with the right `Content-Range`. */
export class RangeNotSatisfiableError extends AppError {
  readonly size?: number

  constructor(size: number | undefined, options: Pick<AppErrorOptions, 'detail' | 'upstreamCode'> = {}) {
    super('range_not_satisfiable:file', 'That byte range lies outside the file.', options)
    this.size = size
  }
}
