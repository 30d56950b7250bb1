import { formatBytes, formatCount } from '@/components/ui/format'
import type { InsightsProgress as Progress } from '@/lib/insights/schema'

// The server's own progress, as it reads the run's files: files finished of all, bytes read of what it expects to
// read (known once the footers are in). Native <progress> elements: accessible as they are.

const phaseWords: Record<Progress['phase'], string> = {
  starting: 'Listing the run\u2019s files and finding the run before it',
  footers: 'Reading the files\u2019 footers',
  top: 'Finding the top profiles from the score pages',
  scores: 'Reading every score, factor and identity',
  previous: 'Reading the previous run to compare',
  saving: 'Saving the result',
}

export function InsightsProgress({ progress }: { progress: Progress }) {
  const { filesDone, filesTotal, bytesRead, bytesTotal } = progress
  return (
    <div className="space-y-3" data-testid="insights-progress">
      <p className="text-sm text-slate-700" aria-live="polite">
        <span className="font-medium">{phaseWords[progress.phase]}…</span> This runs on the server: you may leave the page, and anyone who opens
        this run sees the same progress.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="text-xs text-slate-600">
          Files: <span data-testid="files-progress">{formatCount(filesDone)} of {formatCount(filesTotal)}</span>
          <progress className="mt-1 block h-2 w-full accent-slate-700" max={Math.max(1, filesTotal)} value={filesDone} />
        </label>
        <label className="text-xs text-slate-600">
          Bytes read: <span data-testid="bytes-progress">{formatBytes(bytesRead)}{bytesTotal ? ` of ${formatBytes(bytesTotal)}` : ''}</span>
          <progress className="mt-1 block h-2 w-full accent-slate-700" max={Math.max(1, bytesTotal)} value={bytesTotal ? bytesRead : undefined} />
        </label>
      </div>
    </div>
  )
}
