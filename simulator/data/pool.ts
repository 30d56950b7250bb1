// Runs part-file tasks on worker threads so generation uses every core. The worker is TypeScript; it is loaded
// through tsx's programmatic API because a worker does not inherit the loader of the thread that starts it
// (the server runs under tsx, the tests under vitest).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { PartTask } from './runs'
import type { WriteResult } from './write-part'

export interface PartRequest {
  id: number
  dataDir: string
  task: PartTask
}
export type PartResponse = { id: number; result: WriteResult } | { id: number; error: string }
type WorkerMessage = PartResponse | { ready: true }

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads')
import(workerData.tsxApi)
  .then((api) => api.tsImport(workerData.entry, workerData.entry))
  .catch((error) => setImmediate(() => { throw error }))
`

/**
 * The ESM build of `tsx/esm/api`, found through tsx's own exports map: `require.resolve` would pick the CommonJS
 * build, which cannot load its ESM half from inside a worker.
 */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url)
  const manifestPath = require.resolve('tsx/package.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } } | string>
  }
  const api = manifest.exports['./esm/api']
  const target = typeof api === 'object' ? api.import?.default : undefined
  if (!target) throw new Error('tsx does not export an ESM ./esm/api')
  return pathToFileURL(join(dirname(manifestPath), target)).href
}

/** One worker thread, one request at a time. */
class PartWorker {
  private readonly worker: Worker
  readonly ready: Promise<void>
  private pending?: { resolve: (result: WriteResult) => void; reject: (error: Error) => void }
  private failure?: Error

  constructor(tsxApi: string) {
    const entry = new URL('./worker.ts', import.meta.url).href
    this.worker = new Worker(BOOTSTRAP, { eval: true, workerData: { tsxApi, entry } })
    this.ready = new Promise((resolve, reject) => {
      const fail = (error: Error): void => {
        this.failure = error
        reject(error)
        this.pending?.reject(error)
        this.pending = undefined
      }
      this.worker.on('message', (message: WorkerMessage) => {
        if ('ready' in message) return resolve()
        const pending = this.pending
        this.pending = undefined
        if ('error' in message) pending?.reject(new Error(`part task ${message.id}: ${message.error}`))
        else pending?.resolve(message.result)
      })
      this.worker.on('error', fail)
      this.worker.on('exit', (code) => fail(new Error(`simulator worker exited with code ${code}`)))
    })
    // Failures surface through `ready` or the pending request; never as an unhandled rejection.
    this.ready.catch(() => {})
  }

  async run(request: PartRequest): Promise<WriteResult> {
    await this.ready
    if (this.failure) throw this.failure
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject }
      this.worker.postMessage(request)
    })
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit')
    await this.worker.terminate()
  }
}

/**
 * Worker threads that write part files. Start it before planning: loading TypeScript in each worker takes about a
 * second, which then overlaps with the plan's population scans.
 */
export class PartPool {
  private readonly workers: PartWorker[]

  constructor(threads = Math.min(availableParallelism(), 4)) {
    const tsxApi = tsxApiUrl()
    this.workers = Array.from({ length: Math.max(1, threads) }, () => new PartWorker(tsxApi))
  }

  /** Writes every task; results come back in the order of `tasks`. */
  async run(dataDir: string, tasks: readonly PartTask[]): Promise<WriteResult[]> {
    const results: (WriteResult | undefined)[] = new Array(tasks.length)
    // Largest first: the 300,000-row file must not start last and leave the other cores idle.
    const queue = tasks.map((_, i) => i).sort((a, b) => (tasks[b]?.records ?? 0) - (tasks[a]?.records ?? 0))
    await Promise.all(
      this.workers.map(async (worker) => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const task = tasks[id]
          if (task) results[id] = await worker.run({ id, dataDir, task })
        }
      }),
    )
    return results.map((result, i) => {
      if (!result) throw new Error(`part task ${i} produced no result`)
      return result
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()))
  }
}

/** Writes tasks on a pool that lives for this call only. */
export async function runTasks(dataDir: string, tasks: readonly PartTask[], threads?: number): Promise<WriteResult[]> {
  const pool = new PartPool(threads)
  try {
    return await pool.run(dataDir, tasks)
  } finally {
    await pool.close()
  }
}
