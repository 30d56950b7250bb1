// Every non-/__simulator request, for tests that count upstream calls or inspect forwarded headers.
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface LoggedRequest {
  seq: number
  method: string
  /** Path with query string. */
  path: string
  /** The status sent (0 while nothing has been sent). */
  status: number
  /** Lower-cased request headers. */
  headers: Record<string, string>
  /** Epoch milliseconds at arrival. */
  at: number
}

interface Entry extends LoggedRequest {
  /** Kept until the response settles, so a stalled response still reports the status it sent. */
  res?: ServerResponse
}

export class RequestLog {
  private entries: Entry[] = []
  private seq = 0

  constructor(private readonly capacity = 5000) {}

  record(req: IncomingMessage, res: ServerResponse, path: string): void {
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
    }
    const entry: Entry = { seq: ++this.seq, method: req.method ?? 'GET', path, status: 0, headers, at: Date.now(), res }
    this.entries.push(entry)
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity)
    const settle = () => {
      entry.status = res.headersSent ? res.statusCode : entry.status
      delete entry.res
    }
    res.once('finish', settle)
    res.once('close', settle)
  }

  list(): LoggedRequest[] {
    return this.entries.map(({ res, ...entry }) => ({ ...entry, status: res?.headersSent ? res.statusCode : entry.status }))
  }

  clear(): void {
    this.entries = []
  }
}
