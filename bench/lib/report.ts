// The results: bench/results/latest.json for tools and the README, and a table for people.
import { cpus } from 'node:os'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { Measurement } from '../types'

export interface SuiteResult {
  name: string
  description: string
  durationS: number
  measurements: Measurement[]
  /** Set when the suite could not finish; its measurements are whatever it had. */
  error?: string
  /** When it ran, and on which simulator scale: suites run alone are merged into the file beside older ones. */
  measuredAt?: string
  scale?: string
}

export interface BenchResults {
  startedAt: string
  finishedAt: string
  machine: { cpus: number; cpuModel: string; node: string; platform: string }
  suites: SuiteResult[]
}

export function machine(): BenchResults['machine'] {
  const list = cpus()
  return { cpus: list.length, cpuModel: list[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` }
}

/**
 * This run's suites, and the suites of the last file that this run did not measure (`npm run bench -- insights`
 * replaces the insights figures and keeps the rest).
 */
export function mergeWithPrevious(file: string, results: BenchResults): BenchResults {
  let previous: SuiteResult[] = []
  try {
    previous = (JSON.parse(readFileSync(file, 'utf8')) as BenchResults).suites ?? []
  } catch {
    // No earlier results, or unreadable ones: this run's alone.
  }
  const ran = new Set(results.suites.map((suite) => suite.name))
  const suites = [...previous.filter((suite) => !ran.has(suite.name)), ...results.suites].sort((a, b) => a.name.localeCompare(b.name))
  return { ...results, suites }
}

/** Written next to itself and renamed, so a reader never sees half a file. */
export function writeResults(file: string, results: BenchResults): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`)
  renameSync(`${file}.tmp`, file)
}

function formatNumber(value: number | null): string {
  if (value === null) return ''
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  return abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(abs >= 1 ? 2 : 3)
}

export function table(results: BenchResults): string {
  const header = ['suite', 'measurement', 'value', 'baseline', 'ratio', 'target', '']
  const rows = results.suites.flatMap((suite) => [
    ...suite.measurements.map((m) => [
      suite.name,
      m.name,
      `${formatNumber(m.value)} ${m.unit}`.trim(),
      m.baseline === null ? '' : `${formatNumber(m.baseline)} ${m.unit}`.trim(),
      formatNumber(m.ratio),
      m.target ?? '',
      m.pass === null ? '' : m.pass ? 'ok' : 'MISSED',
    ]),
    ...(suite.error ? [[suite.name, `ERROR: ${suite.error}`, '', '', '', '', 'FAILED']] : []),
  ])
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)))
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n')
}
