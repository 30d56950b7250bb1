// reliability.md T3.7 (timing, weak): does a token one character away from a real one take longer to refuse than a
// token matching nothing? Tokens are looked up by their SHA-256 hash, so it should not; this measures it. 10,000
// refusals of each kind, interleaved, against the share store on a fresh SQLite file (no HTTP: its noise would hide
// a difference rather than show one), compared with the Mann-Whitney U test.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../lib/db/migrate'
import { createShareStore } from '../../lib/shares/store'
import { fileShare, oneCharChanged } from '../../lib/shares/testing/fixtures'
import { mannWhitney } from '../lib/mann-whitney'
import { atLeast, figure, median } from '../lib/measure'
import type { Suite } from '../types'

const perKind = 10_000
const warmup = 1_000

const suite: Suite = {
  name: 'share-timing',
  description: 'T3.7: time to refuse an unknown token vs a near miss of a real one (10,000 each, Mann-Whitney U)',
  async run(context) {
    const dir = mkdtempSync(path.join(tmpdir(), 'share-timing-'))
    const database = await openDatabase(`file:${path.join(dir, 'shares.sqlite')}`)
    try {
      const store = createShareStore(database)
      const links = await Promise.all(Array.from({ length: 100 }, () => store.create(fileShare())))
      // Every token is made before any timing, as a flat string (a near miss is built by slicing, which V8 would
      // otherwise keep as a rope and flatten inside the timed call), so only the refusal itself is timed.
      const flat = (token: string) => Buffer.from(token, 'latin1').toString('latin1')
      const unknownTokens = Array.from({ length: warmup + perKind }, () => randomBytes(32).toString('base64url'))
      const nearMissTokens = Array.from({ length: warmup + perKind }, (_, i) => flat(oneCharChanged(links[i % links.length]?.token ?? '', i % 43)))
      const time = async (token: string): Promise<number> => {
        const started = process.hrtime.bigint()
        // Nobody signed in: the store's per-person guess limit (T3.6) does not apply, so every call is a lookup.
        if (await store.resolve(token, { actor: null })) throw new Error('a guessed token opened a link')
        return Number(process.hrtime.bigint() - started) / 1000
      }
      const unknown: number[] = []
      const nearMiss: number[] = []
      for (let i = 0; i < warmup + perKind; i++) {
        // Alternate which goes first, so drift falls on both alike; the first rounds warm the database and V8.
        const [a, b] = i % 2 ? [unknownTokens[i] ?? '', nearMissTokens[i] ?? ''] : [nearMissTokens[i] ?? '', unknownTokens[i] ?? '']
        const [ta, tb] = [await time(a), await time(b)]
        if (i < warmup) continue
        unknown.push(i % 2 ? ta : tb)
        nearMiss.push(i % 2 ? tb : ta)
      }
      const test = mannWhitney(unknown, nearMiss)
      const [a, b] = [median(unknown), median(nearMiss)]
      context.log(`refusals: unknown median ${a.toFixed(1)} µs, near miss ${b.toFixed(1)} µs, Mann-Whitney p = ${test.p.toFixed(3)}`)
      return [
        { ...figure(`near-miss token refused, median of ${perKind} (µs; baseline: an unknown token)`, b, 'µs'), baseline: a, ratio: b / a },
        figure('difference of the medians (µs)', b - a, 'µs'),
        atLeast('Mann-Whitney U two-sided p-value (no significant difference at 1%)', test.p, '', 0.01),
      ]
    } finally {
      await database.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

export default suite
