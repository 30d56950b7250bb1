// Test support: a small hand-made file (hyparquet-writer: V2 pages) with what score files do not exercise: several
// row groups, many small pages, required and optional leaves, nulls at every level, empty and null lists, lists
// with null elements, a map of lists of structs, INT64, timestamps and booleans; with or without offset indexes.
import type { SchemaElement } from 'hyparquet-writer'
import { parquetWriteBuffer } from 'hyparquet-writer'

function random(seed: number): () => number {
  // mulberry32: deterministic, so failures reproduce.
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const utf8 = { type: 'BYTE_ARRAY', converted_type: 'UTF8' } as const

export const edgeSchema: SchemaElement[] = [
  { name: 'root', num_children: 5 },
  { name: 'id', type: 'INT64', repetition_type: 'REQUIRED' },
  { name: 'name', ...utf8, repetition_type: 'OPTIONAL' },
  { name: 'flag', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
  { name: 'info', repetition_type: 'OPTIONAL', num_children: 3 },
  { name: 'score', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  { name: 'at', type: 'INT64', repetition_type: 'OPTIONAL', converted_type: 'TIMESTAMP_MILLIS' },
  { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', ...utf8, repetition_type: 'OPTIONAL' },
  { name: 'attrs', repetition_type: 'OPTIONAL', converted_type: 'MAP', num_children: 1 },
  { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
  { name: 'key', ...utf8, repetition_type: 'REQUIRED' },
  { name: 'value', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
  { name: 'v', type: 'INT32', repetition_type: 'OPTIONAL' },
  { name: 'w', ...utf8, repetition_type: 'OPTIONAL' },
]

export const EDGE_ROWS = 2_500

export function edgeColumns(rows = EDGE_ROWS) {
  const next = random(42)
  const maybe = <T>(p: number, value: () => T): T | null => (next() < p ? null : value())
  const word = () => ['alpha', 'beta', 'gamma', 'delta', 'epsilon'][Math.floor(next() * 5)] ?? 'alpha'
  const list = <T>(max: number, item: () => T) => Array.from({ length: Math.floor(next() * (max + 1)) }, item)
  const id: bigint[] = []
  const name: (string | null)[] = []
  const flag: (boolean | null)[] = []
  const info: unknown[] = []
  const attrs: unknown[] = []
  for (let i = 0; i < rows; i++) {
    id.push(BigInt(i) * 1_000_003n)
    name.push(maybe(0.2, () => `${word()}-${i}`))
    flag.push(maybe(0.3, () => next() < 0.5))
    info.push(
      maybe(0.15, () => ({
        score: maybe(0.1, () => Math.round(next() * 1e6) / 1e3),
        at: maybe(0.1, () => new Date(1_700_000_000_000 + i * 60_000)),
        tags: maybe(0.2, () => list(4, () => maybe(0.2, word))),
      })),
    )
    attrs.push(
      maybe(0.25, () =>
        Object.fromEntries(
          list(3, () => [`${word()}${Math.floor(next() * 3)}`, maybe(0.2, () => list(3, () => maybe(0.2, () => ({ v: maybe(0.2, () => Math.floor(next() * 100)), w: maybe(0.3, word) }))))]),
        ),
      ),
    )
  }
  return { id, name, flag, info, attrs }
}

export function writeEdgeFile(options: { offsetIndex: boolean; codec?: 'SNAPPY' | 'UNCOMPRESSED'; rowGroupSize?: number; pageSize?: number }): ArrayBuffer {
  const columns = edgeColumns()
  return parquetWriteBuffer({
    schema: edgeSchema,
    codec: options.codec ?? 'SNAPPY',
    rowGroupSize: options.rowGroupSize ?? 1_000,
    pageSize: options.pageSize ?? 2_000,
    columnData: Object.entries(columns).map(([name, data]) => ({
      name,
      data,
      offsetIndex: options.offsetIndex,
      columnIndex: options.offsetIndex,
    })),
  })
}
