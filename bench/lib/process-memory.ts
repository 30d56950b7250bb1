// The app's resident memory, read from /proc for the process listening on its port. The launcher runs the app
// as a child (scripts/serve.ts), so the port, not a pid we started, is what names it.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** The pid listening on 127.0.0.1:`port`, from `ss -ltnp`. */
export function pidListeningOn(port: number): number {
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' })
  const pid = /pid=(\d+)/.exec(out)?.[1]
  if (!pid) throw new Error(`nothing is listening on port ${port} (ss said: ${out.trim() || 'nothing'})`)
  return Number(pid)
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`)
  return Number(kb) * 1024
}

/** Samples RSS every `intervalMs` until stopped; answers the first sample and the peak. */
export function sampleRss(pid: number, intervalMs = 50): { stop: () => { before: number; peak: number; after: number } } {
  const before = rssBytes(pid)
  let peak = before
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid))
  }, intervalMs)
  return {
    stop: () => {
      clearInterval(timer)
      const after = rssBytes(pid)
      return { before, peak: Math.max(peak, after), after }
    },
  }
}

export const mb = (bytes: number): number => bytes / (1024 * 1024)
