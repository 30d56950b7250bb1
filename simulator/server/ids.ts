// Identifiers in the forms Adobe uses: 24-hex dataset ids, 32-hex batch ids, UUIDs for jobs.
import { randomBytes, randomUUID } from 'node:crypto'

export const hex = (bytes: number): string => randomBytes(bytes).toString('hex')
export const datasetId = (): string => hex(12)
export const batchId = (): string => hex(16)
export const uuid = (): string => randomUUID()
export const opaqueToken = (): string => randomBytes(32).toString('base64url')
