// A scan worker that says it is ready, then exits as soon as it is given a part: a crash in the middle of a scan
// (lib/insights/scan-workers.test.ts).
import { parentPort } from 'node:worker_threads'

parentPort?.on('message', (message) => {
  if (message.type === 'scan') process.exit(3)
})
parentPort?.postMessage({ type: 'ready' })
