'use client'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import type { CreateShareRequest } from '@/app/api/shares/schema'
import { CopyLink } from '@/components/shares/copy-link'
import { ErrorPanel } from '@/components/ui/error-panel'
import { formatDateTime } from '@/components/ui/format'
import { createShare, mySharesKey } from '@/lib/query/shares'
import { defaultExpiryDays, maxExpiryDays } from '@/lib/shares/rules'

/** What is being shared; the expiry is chosen in the dialog. */
export type ShareTargetInput =
  | { kind: 'file'; sandbox: string; dataSetFileId: string; path: string; batchId?: string }
  | { kind: 'run'; sandbox: string; batchId: string }

const expiryChoices = [1, 3, defaultExpiryDays, 14, maxExpiryDays]

/** A modal (native <dialog>: focus is trapped, Escape closes it) that creates one link and shows it to copy. */
export function ShareDialog({ target, onClose }: { target: ShareTargetInput; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const expiryId = useId()
  const queryClient = useQueryClient()
  const [days, setDays] = useState(defaultExpiryDays)
  const mutation = useMutation({
    mutationFn: (body: CreateShareRequest) => createShare(body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: mySharesKey }),
  })

  useEffect(() => {
    dialog.current?.showModal()
  }, [])

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (mutation.isPending || mutation.isSuccess) return
    mutation.mutate({ ...target, expiresInDays: days })
  }

  const what = target.kind === 'file' ? target.path : `run ${target.batchId} (all its files, as one zip)`

  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby={titleId} className="m-auto w-full max-w-lg rounded-lg p-0 backdrop:bg-slate-900/40">
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <h2 id={titleId} className="font-semibold">
          Share a download link
        </h2>
        <button type="button" onClick={() => dialog.current?.close()} className="rounded px-2 py-1 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400">
          Close
        </button>
      </div>
      <div className="space-y-4 px-5 py-4 text-sm">
        <p className="text-slate-700">
          <span className="break-all font-mono text-xs">{what}</span>
        </p>
        <p className="text-slate-600">
          Only people in your organisation can open the link, after signing in. You can revoke it at any time on My links.
        </p>
        {mutation.data ? (
          <>
            <CopyLink url={mutation.data.url} />
            <p className="text-slate-600" data-testid="share-expires">
              Works until {formatDateTime(mutation.data.expiresAt)}. This is the only time the link is shown: copy it now.
            </p>
          </>
        ) : (
          <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
            <label htmlFor={expiryId} className="flex flex-col gap-1">
              <span className="font-medium text-slate-800">Link expires after</span>
              <select
                id={expiryId}
                value={days}
                onChange={(event) => setDays(Number(event.target.value))}
                disabled={mutation.isPending}
                className="rounded-md border border-slate-300 bg-white px-2 py-1.5 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
              >
                {expiryChoices.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice === 1 ? '1 day' : `${choice} days`}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="submit"
              disabled={mutation.isPending}
              aria-busy={mutation.isPending}
              className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 disabled:cursor-not-allowed disabled:bg-slate-400"
            >
              {mutation.isPending ? 'Creating the link…' : 'Create link'}
            </button>
          </form>
        )}
        {mutation.error && <ErrorPanel title="The link could not be created" error={mutation.error} />}
      </div>
    </dialog>
  )
}
