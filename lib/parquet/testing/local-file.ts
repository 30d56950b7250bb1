// Test support (Node only, never imported by app code): a local file served as a counting AsyncBuffer, the way the
// browser's worker reads through HTTP Range requests, so tests can assert how many bytes and requests a read takes.
import { readFileSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { rangeAsyncBuffer, type CountingAsyncBuffer } from '../range-buffer'

export interface LocalFile {
  path: string
  byteLength: number
  /** A fresh counting buffer over the file (each starts at zero bytes fetched). */
  buffer(): CountingAsyncBuffer
  close(): Promise<void>
}

export async function openLocalFile(path: string): Promise<LocalFile> {
  const handle: FileHandle = await open(path)
  const { size } = await handle.stat()
  return {
    path,
    byteLength: size,
    buffer: () =>
      rangeAsyncBuffer(size, async (start, end) => {
        const bytes = new Uint8Array(end - start)
        const { bytesRead } = await handle.read(bytes, 0, end - start, start)
        return bytes.buffer.slice(0, bytesRead)
      }),
    close: () => handle.close(),
  }
}

/** A counting buffer over bytes in memory (hand-made files). */
export function memoryBuffer(bytes: ArrayBuffer): CountingAsyncBuffer {
  return rangeAsyncBuffer(bytes.byteLength, async (start, end) => bytes.slice(start, end))
}

export function readLocalFile(path: string): ArrayBuffer {
  const bytes = readFileSync(path)
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}
