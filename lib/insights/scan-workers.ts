// Scanning a whole run (compute.ts, steps 3 and 4) is CPU work: every row of every part decoded and counted. On the
// server's request thread it would keep that thread busy for as long as a big run takes, and use one core of the
// machine. A small pool of worker threads scans the parts instead, one part per worker at a time, reading bytes
// through the part's cache here (scan-protocol.ts), and the tallies they send back are merged into the run's.
// Where no worker can start (the worker's files are missing, or tsx cannot load them), parts are scanned here, as
// before, and the reason is logged once.
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { OpenedPart } from './parts'
import { scanPart, type PartScanTargets } from './part-scan'
import type { FromWorker, PartScanResult, ScanRequest } from './scan-protocol'

/** Where the worker starts: from the project's root, which is where the server runs (scripts/start.ts). */
export const defaultWorkerEntry = () => path.join(process.cwd(), 'lib', 'insights', 'scan-worker-entry.mjs')

class ScanWorker {
  /** Set once the worker died or was stopped mid-scan: it is not handed out again. */
  broken = false

  private constructor(
    private readonly worker: Worker,
    onGone: (worker: ScanWorker) => void,
  ) {
    // Always listened to: an 'error' nobody listens to would be thrown in the server's process, and a worker that
    // dies while idle must leave the pool rather than be handed a scan it will never answer.
    worker.on('error', (error) => console.error('[score-explorer] insights: a scan worker failed', error))
    worker.on('exit', () => {
      this.broken = true
      onGone(this)
    })
  }

  static start(entry: string, onGone: (worker: ScanWorker) => void): Promise<ScanWorker> {
    return new Promise((resolve, reject) => {
      if (!existsSync(entry)) return reject(new Error(`${entry} does not exist`))
      const worker = new Worker(entry)
      const fail = (error: unknown) => reject(error instanceof Error ? error : new Error(`the scan worker exited with code ${String(error)}`))
      worker.once('error', fail)
      worker.once('exit', fail)
      worker.once('message', (message: FromWorker) => {
        worker.off('error', fail)
        worker.off('exit', fail)
        if (message.type !== 'ready') {
          void worker.terminate()
          return reject(new Error(`the scan worker said ${message.type} before it was ready`))
        }
        worker.unref()
        resolve(new ScanWorker(worker, onGone))
      })
    })
  }

  scan(request: ScanRequest, read: (start: number, end: number) => Promise<ArrayBuffer>, signal?: AbortSignal): Promise<PartScanResult> {
    const { worker } = this
    signal?.throwIfAborted()
    if (this.broken) return Promise.reject(new Error('the scan worker has stopped'))
    // Referenced while it works: a process whose only pending work is this scan must wait for it.
    worker.ref()
    return new Promise((resolve, reject) => {
      // A failed read fails the scan with the read's own error (an AppError that says what Adobe answered).
      let readError: unknown
      const settle = (outcome: () => void) => {
        worker.off('message', onMessage)
        worker.off('error', onBroken)
        worker.off('exit', onBroken)
        signal?.removeEventListener('abort', onAbort)
        worker.unref()
        outcome()
      }
      const onMessage = (message: FromWorker) => {
        if (message.type === 'read') {
          const { readId } = message
          read(message.start, message.end).then(
            // The cache hands out a fresh buffer for every read: it can be moved, not copied.
            (bytes) => worker.postMessage({ type: 'bytes', readId, bytes }, [bytes]),
            (error: unknown) => {
              readError ??= error
              worker.postMessage({ type: 'read-failed', readId })
            },
          )
        } else if (message.type === 'done') {
          settle(() => resolve(message.result))
        } else if (message.type === 'failed') {
          settle(() => reject(readError ?? new Error(`scanning ${request.name} failed: ${message.message}`)))
        }
      }
      const onBroken = (error: unknown) => {
        this.broken = true
        settle(() => reject(error instanceof Error ? error : new Error(`the scan worker exited with code ${String(error)}`)))
      }
      const onAbort = () => {
        this.broken = true
        void worker.terminate()
        settle(() => reject(signal?.reason))
      }
      worker.on('message', onMessage)
      worker.once('error', onBroken)
      worker.once('exit', onBroken)
      signal?.addEventListener('abort', onAbort, { once: true })
      worker.postMessage(request)
    })
  }

  terminate(): Promise<number> {
    return this.worker.terminate()
  }
}

export interface ScanPool {
  /** Scans a part in a worker and merges its tallies into `targets`: a drop-in for scanPart. */
  scan(part: OpenedPart, targets: PartScanTargets, signal?: AbortSignal): Promise<void>
  close(): Promise<void>
}

export function scanWorkerPool(options: { size?: number; entry?: string } = {}): ScanPool {
  const size = Math.max(1, options.size ?? Math.min(2, availableParallelism()))
  const entry = options.entry ?? defaultWorkerEntry()
  const idle: ScanWorker[] = []
  const all = new Set<ScanWorker>()
  const waiting: ((worker: ScanWorker | undefined) => void)[] = []
  let starting = 0
  let unavailable = false

  async function startOne(): Promise<ScanWorker | undefined> {
    if (unavailable) return undefined
    starting += 1
    try {
      const worker = await ScanWorker.start(entry, forget)
      all.add(worker)
      return worker
    } catch (error) {
      unavailable = true
      console.warn(`[score-explorer] insights: scan workers unavailable, scanning on the server's main thread (${error instanceof Error ? error.message : String(error)})`)
      return undefined
    } finally {
      starting -= 1
    }
  }

  function acquire(): Promise<ScanWorker | undefined> {
    const ready = idle.pop()
    if (ready) return Promise.resolve(ready)
    if (unavailable) return Promise.resolve(undefined)
    if (all.size + starting < size) return startOne()
    return new Promise((resolve) => waiting.push(resolve))
  }

  /** A worker that exited: out of the pool, wherever it was. */
  function forget(worker: ScanWorker): void {
    all.delete(worker)
    const at = idle.indexOf(worker)
    if (at >= 0) idle.splice(at, 1)
  }

  function release(worker: ScanWorker): void {
    if (worker.broken) {
      forget(worker)
      const next = waiting.shift()
      if (next) void startOne().then(next)
      return
    }
    const next = waiting.shift()
    if (next) next(worker)
    else idle.push(worker)
  }

  return {
    async scan(part, targets, signal) {
      const worker = await acquire()
      if (!worker) return scanPart(part, targets, signal)
      try {
        const request: ScanRequest = {
          type: 'scan',
          name: part.source.name,
          size: part.source.size,
          factors: targets.factors !== undefined,
          identities: targets.identities !== undefined,
        }
        const result = await worker.scan(request, async (start, end) => part.cache.slice(start, end), signal)
        targets.scores.merge(result.scores)
        if (result.factors) targets.factors?.merge(result.factors)
        if (result.identities) targets.identities?.append(result.identities.packed, result.identities.withoutIdentity)
      } finally {
        release(worker)
      }
    },
    async close() {
      const workers = [...all]
      all.clear()
      idle.length = 0
      await Promise.all(workers.map((worker) => worker.terminate()))
    },
  }
}

// One pool per server process, shared by every computation (Next may load this module once per chunk).
const sharedKey = Symbol.for('score-explorer.scanWorkers')

export function sharedScanWorkers(): ScanPool {
  const holder = globalThis as typeof globalThis & { [sharedKey]?: ScanPool }
  holder[sharedKey] ??= scanWorkerPool()
  return holder[sharedKey]
}
