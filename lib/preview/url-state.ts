// The preview's view state lives in the address: sort, filters, chosen columns, the row in view and the tab, so a
// link pasted into a chat opens the same slice for a colleague. Pure, both directions.
import { isPreviewColumn, previewColumnIds, type PreviewColumnId } from '@/lib/preview/columns'
import type { ViewSpec } from '@/lib/preview/view'
import { isBucket, type Bucket } from '@/lib/scores/buckets'

export type PreviewTab = 'rows' | 'schema' | 'layout'

export interface PreviewState {
  spec: ViewSpec
  columns: PreviewColumnId[]
  row: number
  tab: PreviewTab
  /** A score leaf a person picked, when the schema was not recognisable. */
  scoreLeaf?: string[]
}

function finite(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : undefined
}

export function readPreviewState(params: URLSearchParams): PreviewState {
  const sort = params.get('sort')
  const bucketList = (params.get('bucket') ?? '').split(',').filter(isBucket) as Bucket[]
  const columnList = (params.get('cols') ?? '').split(',').filter(isPreviewColumn)
  const tab = params.get('tab')
  const scoreLeaf = params.get('scoreLeaf')
  return {
    spec: {
      sort: sort === 'score:asc' ? 'asc' : sort === 'score:desc' ? 'desc' : undefined,
      minScore: finite(params.get('min')),
      maxScore: finite(params.get('max')),
      buckets: bucketList.length ? bucketList : undefined,
      factorCode: params.get('factor')?.trim() || undefined,
      identity: params.get('q')?.trim() || undefined,
    },
    columns: columnList.length ? [...new Set(columnList)] : [...previewColumnIds],
    row: Math.max(0, Math.floor(finite(params.get('row')) ?? 0)),
    tab: tab === 'schema' || tab === 'layout' ? tab : 'rows',
    scoreLeaf: scoreLeaf ? scoreLeaf.split('.') : undefined,
  }
}

/** Writes the state into `params` (keeping others, such as `path`), leaving defaults out. */
export function writePreviewState(params: URLSearchParams, state: PreviewState): URLSearchParams {
  const next = new URLSearchParams(params)
  const set = (key: string, value: string | undefined) => (value === undefined || value === '' ? next.delete(key) : next.set(key, value))
  set('sort', state.spec.sort ? `score:${state.spec.sort}` : undefined)
  set('min', state.spec.minScore?.toString())
  set('max', state.spec.maxScore?.toString())
  set('bucket', state.spec.buckets?.join(','))
  set('factor', state.spec.factorCode)
  set('q', state.spec.identity)
  const defaultColumns = state.columns.length === previewColumnIds.length && state.columns.every((c, i) => c === previewColumnIds[i])
  set('cols', defaultColumns ? undefined : state.columns.join(','))
  set('row', state.row > 0 ? String(state.row) : undefined)
  set('tab', state.tab === 'rows' ? undefined : state.tab)
  set('scoreLeaf', state.scoreLeaf?.join('.'))
  return next
}
