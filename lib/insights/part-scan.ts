// One part's contribution to the run's distribution, factors and identities: its score leaf read whole (the
// histogram needs every score), and, when asked, the factor code and importance leaves and the identity leaves,
// each read whole and walked level by level, never assembled into rows. Leaves are read one after another: the
// concurrency bound is per part, and a part's leaves would otherwise multiply it.
import { wasmCompressors } from '@/lib/parquet/compressors'
import { openParquetFile } from '@/lib/parquet/file'
import type { LeafSlice } from '@/lib/parquet/types'
import { numbersPerRow } from '@/lib/preview/per-row'
import { cellOf } from '@/lib/scores/cells'
import { definitionLevelOf, forEachListPair, identityPerRow } from './leaf-rows'
import { IdentityHashes, type IdentityCells } from './migration'
import { identityLeaves, leafBytes, type OpenedPart } from './parts'
import type { FactorTally, ScoreTally } from './tally'

export interface PartScanTargets {
  scores: ScoreTally
  factors?: FactorTally
  identities?: IdentityCells
}

/** Bytes a scan of this part with these targets reads (its leaves' compressed sizes). */
export function plannedScanBytes(part: OpenedPart, targets: { factors: boolean; identities: boolean }): number {
  const { fields } = part
  return leafBytes(part, [
    fields.score,
    ...(targets.factors ? [fields.factors?.code, fields.factors?.importance] : []),
    ...(targets.identities && part.hasIdentityMap ? [identityLeaves.key, identityLeaves.id] : []),
  ])
}

/**
 * The part's identity leaf. String ids are hashed from their bytes as they are decoded, through a second view of
 * the part whose string parser hashes (each value then stands for its hash in `hashes`): no string is made for any
 * of a part's 300,000 ids. Other ids (not strings: Adobe writes none) are read as they are.
 */
async function readIdentities(part: OpenedPart, hashes: IdentityHashes, signal?: AbortSignal): Promise<{ ids: LeafSlice; hashed: boolean }> {
  const leaf = part.file.leaves.find((candidate) => candidate.name === identityLeaves.id.join('.'))
  if (leaf?.physicalType !== 'BYTE_ARRAY') return { ids: await part.file.readWholeLeaf(identityLeaves.id, signal), hashed: false }
  const hashing = await openParquetFile(part.cache, { compressors: wasmCompressors(), parsers: { stringFromBytes: hashes.fromBytes } })
  return { ids: await hashing.readWholeLeaf(identityLeaves.id, signal), hashed: true }
}

export async function scanPart(part: OpenedPart, targets: PartScanTargets, signal?: AbortSignal): Promise<void> {
  const { file, fields } = part
  const scores = numbersPerRow(await file.readWholeLeaf(fields.score, signal))
  const cells = new Uint8Array(scores.length)
  for (let row = 0; row < scores.length; row++) {
    const score = scores[row] ?? Number.NaN
    targets.scores.add(score)
    // 255 marks a missing score: such a row is in no cell, so its factors and identity are not counted.
    cells[row] = Number.isNaN(score) ? 255 : cellOf(score)
  }

  const code = fields.factors?.code
  const importance = fields.factors?.importance
  if (targets.factors && code && importance) {
    const tally = targets.factors
    const codes = await file.readWholeLeaf(code, signal)
    const importances = await file.readWholeLeaf(importance, signal)
    const elementLevel = definitionLevelOf(file.schema, code.slice(0, -1))
    forEachListPair(codes, importances, elementLevel, (row, c, i) => {
      const cell = cells[row] ?? 255
      if (cell !== 255) tally.add(c, i, cell)
    })
  }

  if (targets.identities && part.hasIdentityMap) {
    const cellsOf = targets.identities
    const hashes = new IdentityHashes()
    const keys = await file.readWholeLeaf(identityLeaves.key, signal)
    const { ids, hashed } = await readIdentities(part, hashes, signal)
    const perRow = identityPerRow(keys, ids)
    for (let row = 0; row < perRow.length; row++) {
      const cell = cells[row] ?? 255
      if (cell === 255) continue
      const id = perRow[row]
      // Only a hashed string leaf gives identities to join on; a missing id, or one of another type, joins nothing.
      if (hashed && typeof id === 'number') cellsOf.addHashed(hashes.high(id), hashes.low(id), cell)
      else cellsOf.withoutIdentity += 1
    }
  } else if (targets.identities) {
    targets.identities.withoutIdentity += scores.length
  }
}
