'use client'
import { useState } from 'react'
import { ShareDialog, type ShareTargetInput } from '@/components/shares/share-dialog'

/** "Share": opens the dialog that makes an expiring link to a file or to a whole run. */
export function ShareButton({ target, label = 'Share', className }: { target: ShareTargetInput; label?: string; className?: string }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        className={
          className ??
          'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400'
        }
      >
        {label}
      </button>
      {/* Mounted only while open: a run page with many rows keeps one dialog, not one per row. */}
      {open && <ShareDialog target={target} onClose={() => setOpen(false)} />}
    </>
  )
}
