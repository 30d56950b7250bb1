'use client'
import { useQuery } from '@tanstack/react-query'
import { useRouter } from 'next/navigation'
import { sandboxesQuery } from '@/lib/query/sandboxes'

export function SandboxSwitcher({ current }: { current: string }) {
  const router = useRouter()
  const { data: sandboxes, isError } = useQuery(sandboxesQuery())
  const options = sandboxes ?? [{ name: current, title: current, type: 'production' as const, isDefault: false, state: 'active' }]
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span>Sandbox</span>
      <select
        aria-label="Sandbox"
        value={current}
        onChange={(event) => router.push(`/sandboxes/${encodeURIComponent(event.target.value)}`)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
      >
        {options.map((sandbox) => (
          <option key={sandbox.name} value={sandbox.name}>
            {sandbox.title} ({sandbox.name})
          </option>
        ))}
      </select>
      {isError && <span role="alert" className="text-xs text-red-700">Sandboxes could not be listed</span>}
    </label>
  )
}
