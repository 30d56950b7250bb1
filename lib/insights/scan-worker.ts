// A scan worker (worker_threads): scans the parts the app sends it, one at a time, with the same scanPart the app
// would run itself, reading bytes through the app (scan-protocol.ts). Started by scan-workers.ts through
// scan-worker-entry.mjs.
import { parentPort } from 'node:worker_threads'
import { IdentityCells } from './migration'
import { ByteCounter, openPart, withTail } from './parts'
import { scanPart } from './part-scan'
import type { FromWorker, PartScanResult, ScanRequest, ToWorker } from './scan-protocol'
import { FactorTally, ScoreTally } from './tally'

const port = parentPort
if (!port) throw new Error('scan-worker.ts runs as a worker thread')

const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)

const pendingReads = new Map<number, { resolve: (bytes: ArrayBuffer) => void; reject: (error: Error) => void }>()
let nextReadId = 0

function readFromApp(scanId: number, start: number, end: number): Promise<ArrayBuffer> {
  const readId = nextReadId++
  return new Promise((resolve, reject) => {
    pendingReads.set(readId, { resolve, reject })
    send({ type: 'read', scanId, readId, start, end })
  })
}

async function scan(request: ScanRequest): Promise<PartScanResult> {
  const { scanId, name, size, tail } = request
  const fromApp = { byteLength: size, slice: (start: number, end = size) => readFromApp(scanId, start, end) }
  const source = { dataSetFileId: '', name, size, open: () => withTail(fromApp, tail) }
  const part = await openPart(source, 0, new ByteCounter())
  const scores = new ScoreTally()
  const factors = request.factors ? new FactorTally() : undefined
  const identities = request.identities ? new IdentityCells(part.file.numRows) : undefined
  await scanPart(part, { scores, factors, identities })
  return {
    scores: scores.state(),
    factors: factors?.entries(),
    identities: identities && { packed: identities.packed(), withoutIdentity: identities.withoutIdentity },
  }
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'scan') {
    const { scanId } = message
    scan(message).then(
      (result) => send({ type: 'done', scanId, result }, result.identities ? [result.identities.packed.buffer as ArrayBuffer] : []),
      (error: unknown) =>
        send({ type: 'failed', scanId, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined }),
    )
    return
  }
  const pending = pendingReads.get(message.readId)
  pendingReads.delete(message.readId)
  if (message.type === 'bytes') pending?.resolve(message.bytes)
  else pending?.reject(new Error('the app could not read these bytes'))
})

send({ type: 'ready' })
