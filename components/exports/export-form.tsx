'use client'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useRef, useState } from 'react'
import { SegmentPicker } from '@/components/exports/segment-picker'
import { type TargetKind, TargetPicker } from '@/components/exports/target-picker'
import { ErrorPanel } from '@/components/ui/error-panel'
import { type CreateExportRequest, datasetName, defaultDatasetName } from '@/lib/exports/request'
import type { ExportSegment } from '@/lib/exports/types'
import { exportJobQuery, exportTargetsQuery, exportsKey, newRequestKey, postExport } from '@/lib/query/exports'

interface Props {
  sandbox: string
  segments: ExportSegment[]
  /** Called with Adobe's job id once the job exists: the panel starts following it. */
  onStarted: (exportId: string) => void
}

/** "Export to dataset": a segment, a target, one click, one job. */
export function ExportForm({ sandbox, segments, onStarted }: Props) {
  const queryClient = useQueryClient()
  const [segmentId, setSegmentId] = useState<string | undefined>()
  const [kind, setKind] = useState<TargetKind>('new')
  const [customName, setCustomName] = useState<string | undefined>()
  const [datasetId, setDatasetId] = useState<string | undefined>()
  const [now] = useState(() => Date.now())
  // One key per export the person means: a double click or a retry after a lost answer repeats it, and the server
  // answers the job the first request started. Any change to the form means another export, so a new key.
  const requestKey = useRef<string | null>(null)
  // isPending reaches React a tick after mutate(); this stops a second click landing inside that tick.
  const inFlight = useRef(false)

  const mutation = useMutation({
    mutationFn: (body: CreateExportRequest) => postExport(sandbox, body),
    onSuccess: (job) => {
      requestKey.current = null
      queryClient.setQueryData(exportJobQuery(sandbox, job.id).queryKey, job)
      void queryClient.invalidateQueries({ queryKey: exportsKey(sandbox) })
      void queryClient.invalidateQueries({ queryKey: exportTargetsQuery(sandbox).queryKey })
      onStarted(job.id)
    },
    onSettled: () => {
      inFlight.current = false
    },
  })

  const segment = segments.find((candidate) => candidate.id === segmentId)
  const name = customName ?? (segment ? defaultDatasetName(segment.name, now) : '')
  const nameCheck = datasetName.safeParse(name)
  const nameError = kind === 'new' && segment && !nameCheck.success ? nameCheck.error.issues[0]?.message : undefined
  const ready = segment !== undefined && (kind === 'new' ? nameCheck.success : datasetId !== undefined)

  const changed = <T,>(set: (value: T) => void) => (value: T) => {
    requestKey.current = null
    if (!mutation.isPending) mutation.reset()
    set(value)
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (!ready || !segment || inFlight.current) return
    inFlight.current = true
    requestKey.current ??= newRequestKey()
    mutation.mutate({
      segmentId: segment.id,
      target: kind === 'new' ? { kind: 'new', name } : { kind: 'existing', datasetId: datasetId ?? '' },
      requestKey: requestKey.current,
    })
  }

  return (
    <form onSubmit={submit} className="space-y-5" aria-label="Export a segment to a dataset">
      <SegmentPicker segments={segments} value={segmentId} onChange={changed(setSegmentId)} disabled={mutation.isPending} />
      <TargetPicker
        sandbox={sandbox}
        kind={kind}
        onKind={changed(setKind)}
        name={name}
        onName={changed(setCustomName)}
        nameError={nameError}
        datasetId={datasetId}
        onDataset={changed(setDatasetId)}
        disabled={mutation.isPending || segment === undefined}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={!ready || mutation.isPending}
          aria-busy={mutation.isPending}
          className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 disabled:cursor-not-allowed disabled:bg-slate-400"
        >
          {mutation.isPending ? 'Starting the export…' : 'Export to dataset'}
        </button>
        {!segment && <span className="text-sm text-slate-600">Choose a segment first.</span>}
        {mutation.isPending && kind === 'new' && (
          <span className="text-sm text-slate-600" aria-live="polite">
            Creating the dataset, then the export job…
          </span>
        )}
      </div>
      {mutation.error && <ErrorPanel title="The export could not be started" error={mutation.error} />}
    </form>
  )
}
