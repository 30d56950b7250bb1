import type { InfluentialFactor } from '@/lib/scores/score-row'

const tone: Record<string, string> = {
  high: 'bg-violet-100 text-violet-900 ring-violet-300',
  medium: 'bg-slate-100 text-slate-800 ring-slate-300',
  low: 'bg-white text-slate-600 ring-slate-200',
}

export function FactorChips({ factors }: { factors: InfluentialFactor[] }) {
  if (factors.length === 0) return <span className="text-slate-400 italic">none</span>
  return (
    <ul className="flex gap-1 overflow-hidden" aria-label="Influential factors">
      {factors.map((factor, index) => (
        <li
          key={`${factor.code}-${index}`}
          title={`${factor.code} = ${factor.value} · ${factor.importance} importance`}
          className={`rounded px-1.5 py-0.5 text-xs whitespace-nowrap ring-1 ring-inset ${tone[factor.importance] ?? tone.low}`}
        >
          <span className="font-medium">{factor.code}</span> {factor.value}
        </li>
      ))}
    </ul>
  )
}
