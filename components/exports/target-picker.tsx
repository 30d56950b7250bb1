'use client'
import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { exportTargetsQuery } from '@/lib/query/exports'

export type TargetKind = 'new' | 'existing'

interface Props {
  sandbox: string
  kind: TargetKind
  onKind: (kind: TargetKind) => void
  /** The new dataset's name: the suggestion until the person types their own. */
  name: string
  onName: (name: string) => void
  nameError: string | undefined
  datasetId: string | undefined
  onDataset: (datasetId: string) => void
  disabled: boolean
}

/** A new dataset (named by the person) or an existing one on the Profile union schema (earlier export targets first). */
export function TargetPicker({ sandbox, kind, onKind, name, onName, nameError, datasetId, onDataset, disabled }: Props) {
  const targets = useQuery(exportTargetsQuery(sandbox))
  const nameId = useId()
  const errorId = useId()
  const existingId = useId()
  const existing = targets.data ?? []

  return (
    <fieldset disabled={disabled}>
      <legend className="text-sm font-medium text-slate-900">2. Choose where the profiles go</legend>
      <p className="mt-1 text-xs text-slate-600">
        Export datasets use the Profile union schema (<span className="font-mono">profile__union</span>), as Adobe’s guide asks.
      </p>
      <div className="mt-2 space-y-3 text-sm">
        <div className="rounded-md border border-slate-200 bg-white p-3">
          <label className="flex items-center gap-2 font-medium text-slate-900">
            <input type="radio" name="target" value="new" checked={kind === 'new'} onChange={() => onKind('new')} />
            A new dataset
          </label>
          {kind === 'new' && (
            <div className="mt-2 pl-6">
              <label htmlFor={nameId} className="block text-xs text-slate-600">
                Name of the new dataset
              </label>
              <input
                id={nameId}
                type="text"
                value={name}
                maxLength={200}
                aria-invalid={nameError !== undefined}
                aria-describedby={nameError ? errorId : undefined}
                onChange={(event) => onName(event.target.value)}
                className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 aria-[invalid=true]:border-red-400"
              />
              {nameError && (
                <p id={errorId} className="mt-1 text-xs text-red-700">
                  {nameError}
                </p>
              )}
            </div>
          )}
        </div>
        <div className="rounded-md border border-slate-200 bg-white p-3">
          <label className="flex items-center gap-2 font-medium text-slate-900">
            <input
              type="radio"
              name="target"
              value="existing"
              checked={kind === 'existing'}
              disabled={existing.length === 0}
              onChange={() => {
                onKind('existing')
                if (!datasetId && existing[0]) onDataset(existing[0].id)
              }}
            />
            An existing dataset
          </label>
          <p className="mt-1 pl-6 text-xs text-slate-600">
            {targets.isPending && 'Looking for datasets on the Profile union schema…'}
            {targets.isError && 'Existing datasets could not be listed; a new dataset still works.'}
            {targets.isSuccess &&
              (existing.length === 0
                ? 'None on the Profile union schema in this sandbox yet.'
                : `${existing.length} on the Profile union schema in this sandbox, those earlier exports wrote to first.`)}
          </p>
          {kind === 'existing' && existing.length > 0 && (
            <div className="mt-2 pl-6">
              <label htmlFor={existingId} className="block text-xs text-slate-600">
                Dataset
              </label>
              <select
                id={existingId}
                value={datasetId}
                onChange={(event) => onDataset(event.target.value)}
                className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
              >
                {existing.map((dataset) => (
                  <option key={dataset.id} value={dataset.id}>
                    {dataset.name} ({dataset.id})
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </div>
    </fieldset>
  )
}
