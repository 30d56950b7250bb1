// Test support: hand-built uncompressed V1 data pages of an INT32 leaf, for layouts no writer at hand produces
// (parquet-mr without page indexes split rows of repeated leaves across pages; DuckDB writes one page per chunk).

/** One level entry of a leaf: its levels, and its value when defined at the maximum level. */
export interface Entry {
  rep: number
  def: number
  value?: number
}

const varint = (n: number): number[] => {
  const out: number[] = []
  let v = n >>> 0
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v >>>= 7
  }
  out.push(v)
  return out
}
const zigzag = (n: number) => varint((n << 1) ^ (n >> 31))
const i32Field = (delta: number, n: number) => [(delta << 4) | 5, ...zigzag(n)]

/** A thrift compact PageHeader of a DATA_PAGE (PLAIN values, RLE levels). */
function header(size: number, numValues: number): number[] {
  return [
    ...i32Field(1, 0), // type: DATA_PAGE
    ...i32Field(1, size), // uncompressed_page_size
    ...i32Field(1, size), // compressed_page_size
    (2 << 4) | 12, // field 5: data_page_header
    ...i32Field(1, numValues),
    ...i32Field(1, 0), // encoding: PLAIN
    ...i32Field(1, 3), // definition_level_encoding: RLE
    ...i32Field(1, 3), // repetition_level_encoding: RLE
    0,
    0,
  ]
}

/** RLE levels (one run per entry, simple and valid) behind their 4-byte length. */
function levels(values: number[]): number[] {
  const runs = values.flatMap((v) => [...varint(2), v])
  const length = runs.length
  return [length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff, length >>> 24, ...runs]
}

export function v1Page(entries: Entry[]): Uint8Array {
  const values = entries.flatMap((e) => (e.value === undefined ? [] : [e.value]))
  const plain = new Uint8Array(values.length * 4)
  const view = new DataView(plain.buffer)
  values.forEach((v, i) => view.setInt32(i * 4, v, true))
  const body = [...levels(entries.map((e) => e.rep)), ...levels(entries.map((e) => e.def)), ...plain]
  return Uint8Array.from([...header(body.length, entries.length), ...body])
}
