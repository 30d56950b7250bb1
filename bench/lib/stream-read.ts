// Reading a response body to the end without keeping it: only the byte count and the time it took.
export interface Transfer {
  bytes: number
  seconds: number
}

export async function drain(url: string, headers: Record<string, string>): Promise<Transfer> {
  const started = performance.now()
  const response = await fetch(url, { headers })
  if (!response.ok || !response.body) throw new Error(`GET ${new URL(url).pathname} answered ${response.status}`)
  const reader = response.body.getReader()
  let bytes = 0
  for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.byteLength
  return { bytes, seconds: (performance.now() - started) / 1000 }
}

export const mibPerS = (transfer: Transfer): number => transfer.bytes / (1024 * 1024) / transfer.seconds
