// Decompressors faster than the JavaScript ones, for readers that may use WebAssembly. hysnappy (snappy in wasm, by
// hyparquet's authors) decompresses a score file's identity pages about three times as fast as a JavaScript loop:
// their snappy streams are a literal or copy every 2 to 5 bytes, and per-element work is what costs. The server
// (run insights) uses it; the browser's preview worker does not, as the page's content security policy does not
// allow compiling WebAssembly.
import type { Compressors } from 'hyparquet'
import { snappyUncompressor } from 'hysnappy'

let compressors: Compressors | undefined

/** Compiled on first use, once per process. */
export function wasmCompressors(): Compressors {
  compressors ??= { SNAPPY: snappyUncompressor() }
  return compressors
}
