'use client'
import { useEffect, useId, useRef, useState } from 'react'

/** The new link, selected for copying, with a button that copies it (and says so). */
export function CopyLink({ url }: { url: string }) {
  const input = useRef<HTMLInputElement>(null)
  const inputId = useId()
  const [copied, setCopied] = useState<'yes' | 'no'>()

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])

  async function copy() {
    try {
      await navigator.clipboard.writeText(url)
      setCopied('yes')
    } catch {
      // No clipboard access (a plain-http origin, a refused permission): the text stays selected for Ctrl+C.
      input.current?.select()
      setCopied('no')
    }
  }

  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="font-medium text-slate-800">
        Link to send
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id={inputId}
          readOnly
          value={url}
          data-testid="share-url"
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-xs"
        />
        <button
          type="button"
          onClick={() => void copy()}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
        >
          Copy
        </button>
      </div>
      <p aria-live="polite" className="min-h-5 text-xs text-slate-600">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'no' ? 'Copying is blocked here: press Ctrl+C (⌘C) to copy the selected link.' : ''}
      </p>
    </div>
  )
}
