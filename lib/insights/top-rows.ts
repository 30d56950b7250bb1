// The winners' rows, read with the preview's row reader: per part, only the pages holding a winner, of only the
// leaves a top-list row shows (identities, score, probability, percentile, propensity type, influential factors).
import { toScoreRow } from '@/lib/scores/score-row'
import { identityLeaves, type OpenedPart } from './parts'
import { mapLimited } from './pool'
import type { TopRow } from './schema'
import type { Candidate } from './top-heap'

function leavesToRead(part: OpenedPart): string[][] {
  const { fields } = part
  const paths = [fields.score, fields.probability, fields.percentile, fields.propensityType, fields.factors?.code, fields.factors?.value, fields.factors?.importance]
  // The identity's id and primary flag (the map's key comes with them), not its authenticatedState.
  const identity = part.hasIdentityMap ? [identityLeaves.id, identityLeaves.primary] : []
  return [...identity, ...paths.filter((path): path is string[] => path !== undefined)]
}

export async function readTopRows(
  parts: readonly OpenedPart[],
  winners: readonly Candidate[],
  options: { concurrency: number; signal?: AbortSignal },
): Promise<TopRow[]> {
  const byPart = new Map<number, Candidate[]>()
  for (const winner of winners) byPart.set(winner.file, [...(byPart.get(winner.file) ?? []), winner])
  const partsWithWinners = parts.filter((part) => byPart.has(part.index))
  const rowsByPart = await mapLimited(
    partsWithWinners,
    options.concurrency,
    async (part) => {
      const mine = byPart.get(part.index) ?? []
      const rows = await part.file.readRowsAt(leavesToRead(part), mine.map((w) => w.row), options.signal)
      return new Map(mine.map((winner, i) => [winner.row, rows[i]]))
    },
    options.signal,
  )
  const rowOf = new Map(partsWithWinners.map((part, i) => [part.index, rowsByPart[i]]))
  const partOf = new Map(parts.map((part) => [part.index, part]))
  return winners.map((winner, i): TopRow => {
    const part = partOf.get(winner.file)
    if (!part) throw new Error(`part ${winner.file} is not open`)
    const row = toScoreRow(rowOf.get(winner.file)?.get(winner.row), winner.row, part.fields)
    return {
      rank: i + 1,
      dataSetFileId: part.source.dataSetFileId,
      fileName: part.source.name,
      rowIndex: winner.row,
      identity: row.identity,
      identityNamespace: row.identityNamespace,
      // The score the heap ranked by: the same value, without a second conversion.
      score: winner.score,
      probability: row.probability,
      percentile: row.percentile,
      propensityType: row.propensityType,
      factors: row.factors,
    }
  })
}
