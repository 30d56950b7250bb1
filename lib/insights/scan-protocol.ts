// The messages between the app and a scan worker (scan-workers.ts, scan-worker.ts). A worker scans one part at a
// time and reads its bytes through the app: the app keeps the only connection to Adobe (tokens, retries, the
// breaker) and counts the bytes for the progress meter, the worker does the decoding and counting.
import type { FactorEntry, ScoreTallyState } from './tally'

export interface ScanRequest {
  type: 'scan'
  /** Tells this scan's reads from a failed earlier scan's stragglers. */
  scanId: number
  name: string
  size: number
  /** The part's last bytes, which the app already holds (its footer and page indexes): not asked for again. */
  tail: Uint8Array
  factors: boolean
  identities: boolean
}

/** One part's tallies, to be merged into the run's. */
export interface PartScanResult {
  scores: ScoreTallyState
  factors?: FactorEntry[]
  identities?: { packed: BigUint64Array; withoutIdentity: number }
}

export type ToWorker =
  | ScanRequest
  | { type: 'bytes'; readId: number; bytes: ArrayBuffer }
  | { type: 'read-failed'; readId: number }

export type FromWorker =
  | { type: 'ready' }
  | { type: 'read'; scanId: number; readId: number; start: number; end: number }
  | { type: 'done'; scanId: number; result: PartScanResult }
  | { type: 'failed'; scanId: number; message: string; stack?: string }
