// Decoding the first rows of a page from a prefix of it must give exactly what decoding the whole page gives, cut
// at the same row; a prefix too short must ask for more. Checked on every kind of page the reader meets: V2 pages
// (hyparquet-writer, snappy and uncompressed), V1 pages (DuckDB), and the simulator's score file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wasmCompressors } from './compressors'
import { decodeDataPage } from './page-decode'
import { decodeDataPagePrefix } from './page-prefix'
import { copyWithDuckdb, openReference } from './testing/duckdb'
import { writeEdgeFile } from './testing/edge-file'
import { memoryBuffer, openLocalFile, readLocalFile } from './testing/local-file'
import { pageSamples, type PageSample } from './testing/page-samples'
import { churnScoreFile } from './testing/score-files'

/** The full page's levels and values up to the start of row `rows`. */
function expectedPrefix(sample: PageSample, rows: number) {
  const { full, bounds } = sample
  let end = full.numLevels
  if (full.rep) {
    let seen = 0
    end = full.rep.findIndex((level) => level === 0 && seen++ === rows)
    if (end < 0) end = full.numLevels
  } else {
    end = Math.min(rows, full.numLevels)
  }
  const count = full.def ? full.def.subarray(0, end).filter((d) => d === bounds.maxDefinitionLevel).length : end
  return {
    numLevels: end,
    def: full.def ? Array.from(full.def.subarray(0, end)) : undefined,
    rep: full.rep ? Array.from(full.rep.subarray(0, end)) : undefined,
    values: Array.from(full.values).slice(0, count),
  }
}

function checkPrefix(sample: PageSample, rows: number, length: number): void {
  const result = decodeDataPagePrefix(sample.bytes.subarray(0, length), sample.decoder, sample.dictionary, sample.bounds, rows)
  if (!result) return // an encoding read only whole
  if ('retryLength' in result) {
    expect(length).toBeLessThan(sample.bytes.length)
    expect(result.retryLength).toBeGreaterThan(length)
    return
  }
  const { page } = result
  const whole = length >= sample.bytes.length
  const expected = whole
    ? { numLevels: sample.full.numLevels, def: sample.full.def && Array.from(sample.full.def), rep: sample.full.rep && Array.from(sample.full.rep), values: Array.from(sample.full.values) }
    : expectedPrefix(sample, rows)
  expect({
    numLevels: page.numLevels,
    def: page.def && Array.from(page.def),
    rep: page.rep && Array.from(page.rep),
    values: Array.from(page.values),
  }).toEqual(expected)
}

function samplesProperty(samples: () => PageSample[], runs: number) {
  return () => {
    const pages = samples()
    expect(pages.length).toBeGreaterThan(0)
    fc.assert(
      fc.property(fc.nat(pages.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (i, r, l) => {
        const sample = pages[i]
        if (!sample) return
        const rows = Math.floor(r * sample.rowCount)
        const length = Math.max(1, Math.ceil(l * sample.bytes.length))
        checkPrefix(sample, rows, length)
      }),
      { numRuns: runs },
    )
    // A prefix holding the whole page gives the whole page.
    for (const sample of pages) checkPrefix(sample, sample.rowCount, sample.bytes.length)
  }
}

describe('decodeDataPagePrefix', () => {
  let v2Snappy: PageSample[] = []
  let v2Plain: PageSample[] = []
  let v1: PageSample[] = []
  let score: PageSample[] = []
  const dir = mkdtempSync(join(tmpdir(), 'page-prefix-'))

  beforeAll(async () => {
    v2Snappy = await pageSamples(memoryBuffer(writeEdgeFile({ offsetIndex: true })))
    v2Plain = await pageSamples(memoryBuffer(writeEdgeFile({ offsetIndex: false, codec: 'UNCOMPRESSED' })))
    // The same rows through DuckDB: V1 pages, dictionary pages, no page index.
    const source = join(dir, 'edge.parquet')
    writeFileSync(source, new Uint8Array(writeEdgeFile({ offsetIndex: true })))
    const reference = await openReference()
    await copyWithDuckdb(reference, source, join(dir, 'edge-v1.parquet'), 1_000)
    reference.close()
    v1 = await pageSamples(memoryBuffer(readLocalFile(join(dir, 'edge-v1.parquet'))))
    const local = await openLocalFile((await churnScoreFile()).path)
    score = await pageSamples(local.buffer(), { maxPagesPerLeaf: 2 })
    await local.close()
  })

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('matches whole-page decoding on V2 snappy pages', samplesProperty(() => v2Snappy, 3000))
  it('matches whole-page decoding on V2 uncompressed pages', samplesProperty(() => v2Plain, 1500))
  it('matches whole-page decoding on V1 (DuckDB) pages', samplesProperty(() => v1, 3000))
  it('matches whole-page decoding on the simulator score file', samplesProperty(() => score, 300))
})

describe('decodeDataPage', () => {
  it('decodes every page of every kind exactly as hyparquet\'s page functions do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'page-decode-'))
    try {
      const source = join(dir, 'edge.parquet')
      writeFileSync(source, new Uint8Array(writeEdgeFile({ offsetIndex: true })))
      const reference = await openReference()
      await copyWithDuckdb(reference, source, join(dir, 'edge-v1.parquet'), 1_000)
      reference.close()
      const local = await openLocalFile((await churnScoreFile()).path)
      const samples = [
        ...(await pageSamples(memoryBuffer(writeEdgeFile({ offsetIndex: true })))),
        ...(await pageSamples(memoryBuffer(writeEdgeFile({ offsetIndex: false, codec: 'UNCOMPRESSED' })))),
        ...(await pageSamples(memoryBuffer(readLocalFile(join(dir, 'edge-v1.parquet'))))),
        ...(await pageSamples(local.buffer(), { maxPagesPerLeaf: 3 })),
      ]
      await local.close()
      expect(samples.length).toBeGreaterThan(20)
      for (const sample of samples) {
        // With our JavaScript snappy, and with the WebAssembly one the server reads with.
        for (const decoder of [sample.decoder, { ...sample.decoder, compressors: wasmCompressors() }]) {
          const ours = decodeDataPage(sample.bytes, decoder, sample.dictionary, sample.bounds)
          expect({ name: sample.name, numLevels: ours.numLevels, def: ours.def && Array.from(ours.def), rep: ours.rep && Array.from(ours.rep), values: Array.from(ours.values) }).toEqual({
            name: sample.name,
            numLevels: sample.full.numLevels,
            def: sample.full.def && Array.from(sample.full.def),
            rep: sample.full.rep && Array.from(sample.full.rep),
            values: Array.from(sample.full.values),
          })
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
