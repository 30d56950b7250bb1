'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { Cell } from '@/components/preview/cells'
import { columnLabels, type PreviewColumnId } from '@/lib/preview/columns'
import { PreviewAbortError, type PreviewWorkerClient } from '@/lib/preview/worker-client'
import type { ScoreRow } from '@/lib/scores/score-row'

const rowHeight = 40
// Small blocks: in a sorted view the rows of one block live in as many pages, so each block costs page reads.
const blockSize = 50
const viewportHeight = 560

const columnWidths: Record<PreviewColumnId, string> = {
  identity: 'minmax(20rem, 1.4fr)',
  score: '6rem',
  bucket: '6rem',
  probability: '7rem',
  percentile: '6rem',
  propensityType: '7rem',
  scoreDate: '12rem',
  factors: 'minmax(18rem, 2fr)',
}

interface RowsTableProps {
  client: PreviewWorkerClient
  /** Rows in the current view. */
  count: number
  /** Changes whenever the view (sort, filter) changes: cached blocks belong to one view. */
  viewKey: string
  columns: PreviewColumnId[]
  /** View position to show at the top; changing it scrolls there. */
  jumpTo: { row: number; nonce: number }
  onTopRowChange: (row: number) => void
  onShowRaw: (rowIndex: number) => void
}

/**
 * A virtualized table over the whole view: the scrollbar spans every row, and only the blocks of rows on screen are
 * asked of the worker (which reads only the pages holding them). Blocks scrolled past are cancelled.
 */
export function RowsTable({ client, count, viewKey, columns, jumpTo, onTopRowChange, onShowRaw }: RowsTableProps) {
  const scroller = useRef<HTMLDivElement>(null)
  const [topRow, setTopRow] = useState(jumpTo.row)
  const [blocks, setBlocks] = useState<{ key: string; rows: Map<number, ScoreRow[]> }>({ key: viewKey, rows: new Map() })
  const [error, setError] = useState<string>()
  const inFlight = useRef(new Map<string, AbortController>())

  const visibleRows = Math.ceil(viewportHeight / rowHeight) + 1
  const firstBlock = Math.floor(topRow / blockSize)
  const lastBlock = Math.floor(Math.min(count - 1, topRow + visibleRows) / blockSize)

  useEffect(() => {
    const element = scroller.current
    if (element) element.scrollTop = jumpTo.row * rowHeight
    setTopRow(jumpTo.row)
  }, [jumpTo])

  useEffect(() => {
    const wanted = new Set<string>()
    for (let block = firstBlock; block <= lastBlock; block++) {
      const key = `${viewKey}:${block}`
      wanted.add(key)
      if (blocks.key === viewKey && blocks.rows.has(block)) continue
      if (inFlight.current.has(key)) continue
      const controller = new AbortController()
      inFlight.current.set(key, controller)
      client
        .request({ kind: 'rows', viewStart: block * blockSize, viewEnd: Math.min(count, (block + 1) * blockSize) }, { signal: controller.signal })
        .then((result) => {
          if (result.kind !== 'rows') return
          setError(undefined)
          setBlocks((current) => {
            const rows = current.key === viewKey ? new Map(current.rows) : new Map<number, ScoreRow[]>()
            rows.set(block, result.rows)
            return { key: viewKey, rows }
          })
        })
        .catch((reason: unknown) => {
          if (!(reason instanceof PreviewAbortError)) setError(reason instanceof Error ? reason.message : String(reason))
        })
        .finally(() => inFlight.current.delete(key))
    }
    // Whatever is no longer on screen is not worth reading.
    for (const [key, controller] of inFlight.current) {
      if (!wanted.has(key)) {
        controller.abort()
        inFlight.current.delete(key)
      }
    }
  }, [client, count, viewKey, firstBlock, lastBlock, blocks])

  const onScroll = useCallback(() => {
    const element = scroller.current
    if (!element) return
    const row = Math.min(Math.max(0, count - 1), Math.floor(element.scrollTop / rowHeight))
    setTopRow(row)
    onTopRowChange(row)
  }, [count, onTopRowChange])

  const template = `5.5rem ${columns.map((column) => columnWidths[column]).join(' ')} 4rem`
  const rendered: { position: number; row?: ScoreRow }[] = []
  for (let position = topRow; position < Math.min(count, topRow + visibleRows); position++) {
    const block = blocks.key === viewKey ? blocks.rows.get(Math.floor(position / blockSize)) : undefined
    rendered.push({ position, row: block?.[position % blockSize] })
  }

  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      {error && (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-900">
          Rows could not be read: {error}
        </p>
      )}
      <div role="table" aria-label="Score rows" aria-rowcount={count + 1} className="text-sm">
        <div role="rowgroup" className="overflow-hidden border-b border-slate-200 bg-slate-50">
          <div role="row" className="grid items-center gap-3 px-4 py-2 text-xs font-medium tracking-wide text-slate-600 uppercase" style={{ gridTemplateColumns: template }}>
            <span role="columnheader">Row</span>
            {columns.map((column) => (
              <span role="columnheader" key={column}>
                {columnLabels[column]}
              </span>
            ))}
            <span role="columnheader" className="sr-only">
              Raw value
            </span>
          </div>
        </div>
        <div ref={scroller} onScroll={onScroll} className="relative overflow-auto" style={{ height: viewportHeight }} data-testid="rows-scroller" tabIndex={0}>
          <div role="rowgroup" style={{ height: count * rowHeight, position: 'relative' }}>
            {rendered.map(({ position, row }) => (
              <div
                role="row"
                aria-rowindex={position + 2}
                key={position}
                data-testid="score-row"
                data-row-index={row?.rowIndex}
                className="absolute inset-x-0 grid items-center gap-3 overflow-hidden border-b border-slate-100 px-4 whitespace-nowrap"
                style={{ top: position * rowHeight, height: rowHeight, gridTemplateColumns: template }}
              >
                <span role="cell" className="text-xs text-slate-500 tabular-nums" title={row ? `Row ${row.rowIndex} of the file` : undefined}>
                  {row ? row.rowIndex.toLocaleString('en-US') : position.toLocaleString('en-US')}
                </span>
                {row ? (
                  columns.map((column) => (
                    <span role="cell" key={column} className="overflow-hidden text-ellipsis" data-column={column}>
                      <Cell row={row} column={column} />
                    </span>
                  ))
                ) : (
                  <span role="cell" className="h-3 animate-pulse rounded bg-slate-100" style={{ gridColumn: `2 / span ${columns.length}` }} />
                )}
                <span role="cell">
                  {row && (
                    <button type="button" onClick={() => onShowRaw(row.rowIndex)} className="text-xs text-slate-600 underline-offset-2 hover:underline">
                      Raw
                    </button>
                  )}
                </span>
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  )
}
