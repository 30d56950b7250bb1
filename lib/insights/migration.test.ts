import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { openParquetFile } from '@/lib/parquet/file'
import { writeEdgeFile } from '@/lib/parquet/testing/edge-file'
import { memoryBuffer } from '@/lib/parquet/testing/local-file'
import { IdentityCells, IdentityHashes, identityHash, migrate } from './migration'

describe('migrate', () => {
  it('joins like SQL: every pair of equal identities, the rest added or dropped', () => {
    const profile = fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', undefined), fc.integer({ min: 0, max: 201 }))
    fc.assert(
      fc.property(fc.array(profile, { maxLength: 30 }), fc.array(profile, { maxLength: 30 }), (before, after) => {
        const [p, c] = [new IdentityCells(1), new IdentityCells(2)]
        for (const [id, cell] of before) p.add(id, cell)
        for (const [id, cell] of after) c.add(id, cell)
        const result = migrate(p.sorted(), c.sorted())

        const pairs = new Map<string, number>()
        const added: Record<string, number> = {}
        const dropped: Record<string, number> = {}
        for (const [id, b] of after) {
          if (id === undefined) continue
          const matches = before.filter(([other]) => other === id)
          if (!matches.length) added[b] = (added[b] ?? 0) + 1
          for (const [, a] of matches) pairs.set(`${a},${b}`, (pairs.get(`${a},${b}`) ?? 0) + 1)
        }
        for (const [id, a] of before) {
          if (id !== undefined && !after.some(([other]) => other === id)) dropped[a] = (dropped[a] ?? 0) + 1
        }
        const ours = new Map(result.pairs.map(([a, b, n]) => [`${a},${b}`, n]))
        expect(ours).toEqual(pairs)
        expect(result.added).toEqual(added)
        expect(result.dropped).toEqual(dropped)
        expect(p.withoutIdentity + c.withoutIdentity).toBe([...before, ...after].filter(([id]) => id === undefined).length)
      }),
    )
  })

  it('appends another list (a scan worker\'s part) as if its profiles had been added one by one, growing as needed', () => {
    const profile = fc.tuple(fc.option(fc.string({ maxLength: 6 }), { nil: undefined }), fc.integer({ min: 0, max: 201 }))
    fc.assert(
      fc.property(fc.array(fc.array(profile, { maxLength: 20 }), { maxLength: 6 }), (parts) => {
        const oneByOne = new IdentityCells(1)
        const appended = new IdentityCells(1)
        for (const part of parts) {
          const worker = new IdentityCells(part.length)
          for (const [id, cell] of part) {
            oneByOne.add(id, cell)
            worker.add(id, cell)
          }
          appended.append(worker.packed(), worker.withoutIdentity)
        }
        expect([...appended.packed()]).toEqual([...oneByOne.packed()])
        expect(appended.withoutIdentity).toBe(oneByOne.withoutIdentity)
      }),
    )
  })

  it('hashes identities to 56 bits, differently for near-identical ECIDs', () => {
    const a = identityHash('62945947984723811794004887718880271240')
    const b = identityHash('62945947984723811794004887718880271241')
    expect(a).not.toBe(b)
    expect(a < 1n << 56n && b < 1n << 56n).toBe(true)
  })
})

describe('IdentityHashes as a parquet string parser', () => {
  it('stands for every value of a string leaf by its own hash, through dictionary pages, row groups and nulls', async () => {
    // A map of lists of structs, like identityMap, whose strings repeat (five words): dictionary-encoded, in three
    // row groups, with nulls at every level.
    const bytes = writeEdgeFile({ offsetIndex: true, rowGroupSize: 1_000 })
    const leaf = ['attrs', 'key_value', 'value', 'list', 'element', 'w']
    const strings = await (await openParquetFile(memoryBuffer(bytes))).readWholeLeaf(leaf)
    const hashes = new IdentityHashes()
    const hashed = await (await openParquetFile(memoryBuffer(bytes), { parsers: { stringFromBytes: hashes.fromBytes } })).readWholeLeaf(leaf)
    expect(hashed.values.length).toBe(strings.values.length)
    expect(strings.values.length).toBeGreaterThan(100)
    Array.from(strings.values).forEach((value, i) => {
      const id = hashed.values[i] as number
      expect((BigInt(hashes.high(id)) << 24n) | BigInt(hashes.low(id))).toBe(identityHash(String(value)))
    })
  })
})
