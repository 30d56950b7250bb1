// Worker-thread entry: writes the part files the pool sends, one at a time.
import { parentPort } from 'node:worker_threads'
import { runPartTask } from './part-task'
import type { PartRequest, PartResponse } from './pool'

const port = parentPort
if (!port) throw new Error('simulator/data/worker.ts must run in a worker thread')

port.on('message', (request: PartRequest) => {
  let response: PartResponse
  try {
    response = { id: request.id, result: runPartTask(request.dataDir, request.task) }
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }
  }
  port.postMessage(response)
})
port.postMessage({ ready: true })
