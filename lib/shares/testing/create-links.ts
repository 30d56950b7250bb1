// A separate process that opens the database (migrating it if needed) and creates share links, for
// processes.test.ts: `node --import tsx lib/shares/testing/create-links.ts <DATABASE_URL> <count> <creator>`.
// Prints the tokens as JSON on stdout. START_AT (epoch ms) holds every process back to the same instant, so their
// migrations really race instead of running one after another as the processes happen to finish loading.
import { setTimeout as sleep } from 'node:timers/promises'
import { openDatabase } from '../../db/migrate'
import { createShareStore } from '../store'

const [url, count, creator] = process.argv.slice(2)
if (!url || !count || !creator) throw new Error('usage: create-links.ts <DATABASE_URL> <count> <creator>')

await sleep(Math.max(0, Number(process.env.START_AT ?? 0) - Date.now()))
const database = await openDatabase(url)
try {
  const store = createShareStore(database)
  const tokens: string[] = []
  for (let i = 0; i < Number(count); i++) {
    const link = await store.create({ kind: 'file', sandbox: 'prod', dataSetFileId: 'file-1', path: `part-${i}.parquet`, createdBy: creator })
    tokens.push(link.token)
  }
  process.stdout.write(JSON.stringify(tokens))
} finally {
  await database.close()
}
