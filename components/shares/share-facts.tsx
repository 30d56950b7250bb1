import type { ReactNode } from 'react'

export interface Fact {
  label: string
  value: ReactNode
}

/** What a shared thing is, as label/value pairs. */
export function ShareFacts({ facts }: { facts: Fact[] }) {
  return (
    <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3 lg:grid-cols-4">
      {facts.map((fact) => (
        <div key={fact.label}>
          <dt className="text-xs tracking-wide text-slate-500 uppercase">{fact.label}</dt>
          <dd className="mt-1 break-all text-slate-900">{fact.value}</dd>
        </div>
      ))}
    </dl>
  )
}
