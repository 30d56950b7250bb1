// One part's contribution to the run's distribution, factors and identities: its score leaf read whole (the
// histogram needs every score), and, when asked, the factor code and importance leaves and the identity leaves,
// each read whole and walked level by level, never assembled into rows. Leaves are read one after another: the
// concurrency bound is per part, and a part's leaves would otherwise multiply it.
import { numbersPerRow } from '@/lib/preview/per-row'
import { cellOf } from '@/lib/scores/cells'
import { definitionLevelOf, forEachListPair, identityPerRow } from './leaf-rows'
import type { IdentityCells } from './migration'
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
    const keys = await file.readWholeLeaf(identityLeaves.key, signal)
    const ids = await file.readWholeLeaf(identityLeaves.id, signal)
    const perRow = identityPerRow(keys, ids)
    for (let row = 0; row < perRow.length; row++) {
      const cell = cells[row] ?? 255
      if (cell !== 255) targets.identities.add(perRow[row], cell)
    }
  } else if (targets.identities) {
    targets.identities.withoutIdentity += scores.length
  }
}
