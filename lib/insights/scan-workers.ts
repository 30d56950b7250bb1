// Scanning a whole run (compute.ts, steps 3 and 4) is CPU work: every row of every part decoded and counted. On the
// server's request thread it would keep that thread busy for as long as a big run takes, and use one core of the
// machine. A small pool of worker threads scans the parts instead, one part per worker at a time, reading bytes
// through the part's cache here (scan-protocol.ts), and the tallies they send back are merged into the run's.
// Where no worker can start (the worker's files are missing, tsx cannot load them, a thread limit), parts are
// scanned here, as before, the reason is logged, and workers are tried again a minute later.
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { OpenedPart } from './parts'
import { scanPart, type PartScanTargets } from './part-scan'
import type { FromWorker, PartScanResult, ScanRequest } from './scan-protocol'

/**
 * Where the worker starts: the app's root, as scripts/serve.ts found it (`SCORE_EXPLORER_ROOT`), else the working
 * directory (tests and the bench run from the root).
 */
export const defaultWorkerEntry = () =>
  path.join(process.env.SCORE_EXPLORER_ROOT ?? process.cwd(), 'lib', 'insights', 'scan-worker-entry.mjs')

/** A worker that has not said it is ready by then (tsx compiling the scan code takes well under a second) is given up. */
const startTimeoutMs = 30_000
/** After a failed start, parts are scanned on the main thread for this long before workers are tried again. */
const retryStartAfterMs = 60_000

const asError = (reason: unknown) => (reason instanceof Error ? reason : new Error(`the scan worker exited with code ${String(reason)}`))

class ScanWorker {
  /** Set once the worker exited or was stopped mid-scan: it is not handed out again. */
  broken = false
  private nextScanId = 0

  private constructor(private readonly worker: Worker) {}

  /** Resolves once the worker said it is ready; `onExit` is called whenever it exits, ready or not. */
  static start(entry: string, onExit: (worker: ScanWorker) => void): Promise<ScanWorker> {
    return new Promise((resolve, reject) => {
      if (!existsSync(entry)) return reject(new Error(`${entry} does not exist`))
      const scanWorker = new ScanWorker(new Worker(entry))
      const { worker } = scanWorker
      // Listened to for the worker's whole life: an 'error' nobody listens to would be thrown in the server's
      // process, and a worker that exits while idle must leave the pool rather than be handed a scan.
      worker.on('error', (error) => console.error('[score-explorer] insights: a scan worker failed', error))
      worker.on('exit', (code) => {
        scanWorker.broken = true
        clearTimeout(timer)
        reject(asError(code))
        onExit(scanWorker)
      })
      const timer = setTimeout(() => {
        reject(new Error(`the scan worker did not start within ${startTimeoutMs / 1000} s`))
        void worker.terminate()
      }, startTimeoutMs)
      worker.once('message', (message: FromWorker) => {
        clearTimeout(timer)
        if (message.type !== 'ready') {
          reject(new Error(`the scan worker said ${message.type} before it was ready`))
          void worker.terminate()
          return
        }
        worker.unref()
        resolve(scanWorker)
      })
    })
  }

  scan(part: OpenedPart, targets: PartScanTargets, signal?: AbortSignal): Promise<PartScanResult> {
    const { worker } = this
    signal?.throwIfAborted()
    if (this.broken) return Promise.reject(new Error('the scan worker has stopped'))
    const request: ScanRequest = {
      type: 'scan',
      scanId: this.nextScanId++,
      name: part.source.name,
      size: part.cache.byteLength,
      tail: part.tail,
      factors: targets.factors !== undefined,
      identities: targets.identities !== undefined,
    }
    // Referenced while it works: a process whose only pending work is this scan must wait for it.
    worker.ref()
    return new Promise((resolve, reject) => {
      // A failed read fails the scan with the read's own error (an AppError that says what Adobe answered).
      let readError: unknown
      const settle = (outcome: () => void) => {
        worker.off('message', onMessage)
        worker.off('exit', onExit)
        signal?.removeEventListener('abort', onAbort)
        worker.unref()
        outcome()
      }
      const onMessage = (message: FromWorker) => {
        if (message.type === 'ready') return
        if (message.scanId !== request.scanId) {
          // A straggler of an earlier, failed scan: it gets nothing, and its failure is not this scan's.
          if (message.type === 'read') worker.postMessage({ type: 'read-failed', readId: message.readId })
          return
        }
        if (message.type === 'read') {
          const { readId } = message
          Promise.resolve(part.cache.slice(message.start, message.end)).then(
            // The cache hands out a fresh buffer for every read: it can be moved, not copied.
            (bytes) => worker.postMessage({ type: 'bytes', readId, bytes }, [bytes]),
            (error: unknown) => {
              readError ??= error
              worker.postMessage({ type: 'read-failed', readId })
            },
          )
        } else if (message.type === 'done') {
          settle(() => resolve(message.result))
        } else {
          const failure = Object.assign(new Error(`scanning ${request.name} failed: ${message.message}`), message.stack ? { stack: message.stack } : {})
          settle(() => reject(readError ?? failure))
        }
      }
      const onExit = (code: number) => settle(() => reject(asError(code)))
      const onAbort = () => {
        this.broken = true
        void worker.terminate()
        settle(() => reject(signal?.reason))
      }
      worker.on('message', onMessage)
      worker.once('exit', onExit)
      signal?.addEventListener('abort', onAbort, { once: true })
      worker.postMessage(request)
    })
  }

  terminate(): Promise<number> {
    return this.worker.terminate()
  }
}

function mergeInto(targets: PartScanTargets, result: PartScanResult): void {
  targets.scores.merge(result.scores)
  if (result.factors) targets.factors?.merge(result.factors)
  if (result.identities) targets.identities?.append(result.identities.packed, result.identities.withoutIdentity)
}

export interface ScanPool {
  /** Scans a part in a worker and merges its tallies into `targets`: a drop-in for scanPart. */
  scan(part: OpenedPart, targets: PartScanTargets, signal?: AbortSignal): Promise<void>
  /** Parts scanned so far in workers and, for want of one, on the main thread. */
  readonly scanned: { inWorkers: number; onMainThread: number }
  /** Stops every worker; later scans run on the main thread. */
  close(): Promise<void>
}

export function scanWorkerPool(options: { size?: number; entry?: string; now?: () => number } = {}): ScanPool {
  const size = Math.max(1, options.size ?? Math.min(2, availableParallelism()))
  const entry = options.entry ?? defaultWorkerEntry()
  const now = options.now ?? Date.now
  const idle: ScanWorker[] = []
  const all = new Set<ScanWorker>()
  type Waiter = (worker: ScanWorker | undefined) => void
  const waiting: Waiter[] = []
  const scanned = { inWorkers: 0, onMainThread: 0 }
  let starting = 0
  let unavailableUntil = 0
  let closed = false
  let announced = false

  const available = () => !closed && now() >= unavailableUntil

  /** A worker that exited: out of the pool, wherever it was. */
  function forget(worker: ScanWorker): void {
    all.delete(worker)
    const at = idle.indexOf(worker)
    if (at >= 0) idle.splice(at, 1)
  }

  async function startOne(): Promise<ScanWorker | undefined> {
    starting += 1
    try {
      const worker = await ScanWorker.start(entry, forget)
      if (closed) {
        void worker.terminate()
        return undefined
      }
      all.add(worker)
      if (!announced) console.info(`[score-explorer] insights: scanning parts in up to ${size} worker threads`)
      announced = true
      return worker
    } catch (error) {
      unavailableUntil = now() + retryStartAfterMs
      console.warn(
        `[score-explorer] insights: a scan worker could not start, so parts are scanned on the server's main thread for a minute (${asError(error).message})`,
      )
      // Nobody else will wake the scans waiting for a worker: they go to the main thread too.
      for (const waiter of waiting.splice(0)) waiter(undefined)
      return undefined
    } finally {
      starting -= 1
    }
  }

  function acquire(signal?: AbortSignal): Promise<ScanWorker | undefined> {
    const ready = idle.pop()
    if (ready) return Promise.resolve(ready)
    if (!available()) return Promise.resolve(undefined)
    if (all.size + starting < size) return startOne()
    return new Promise((resolve, reject) => {
      const waiter: Waiter = (worker) => {
        signal?.removeEventListener('abort', onAbort)
        resolve(worker)
      }
      const onAbort = () => {
        waiting.splice(waiting.indexOf(waiter), 1)
        reject(signal?.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      waiting.push(waiter)
    })
  }

  function release(worker: ScanWorker): void {
    if (worker.broken || closed) {
      forget(worker)
      if (closed) void worker.terminate()
      const next = waiting.shift()
      if (next) void (available() ? startOne() : Promise.resolve(undefined)).then(next)
      return
    }
    const next = waiting.shift()
    if (next) next(worker)
    else idle.push(worker)
  }

  return {
    scanned,
    async scan(part, targets, signal) {
      const worker = await acquire(signal)
      if (!worker) {
        scanned.onMainThread += 1
        return scanPart(part, targets, signal)
      }
      try {
        mergeInto(targets, await worker.scan(part, targets, signal))
        scanned.inWorkers += 1
      } finally {
        release(worker)
      }
    },
    async close() {
      closed = true
      for (const waiter of waiting.splice(0)) waiter(undefined)
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
