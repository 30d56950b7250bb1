// What a benchmark suite is. Suites live in bench/suites/, one file each, default-exporting a `Suite`; bench/run.ts
// finds them there (adding a file is all it takes to register one) and runs them against one app it started.
import type { SimulatorAdmin } from './lib/simulator'

export interface Measurement {
  name: string
  value: number
  unit: string
  /** The same quantity measured the reference way, in the same run (e.g. reading the simulator directly). */
  baseline: number | null
  /** value ÷ baseline, when there is a baseline. */
  ratio: number | null
  /** What we hold ourselves to, in words (design.md, "Numbers we hold ourselves to"), e.g. "ratio ≥ 0.6". */
  target: string | null
  /** Whether the target was met; null when the figure is reported without a target. */
  pass: boolean | null
}

export interface BenchContext {
  appUrl: string
  simulatorUrl: string
  appPort: number
  /** Headers that make the app see alice, signed in. */
  session: Record<string, string>
  /** Headers that make the simulator see the app's own server credential (for baselines that skip the app). */
  adobeHeaders(sandbox: string): Promise<Record<string, string>>
  /** GET from the app's API as alice; throws on a non-2xx answer. */
  appJson<T>(path: string): Promise<T>
  simulator: SimulatorAdmin
  log(message: string): void
}

export interface Suite {
  name: string
  description: string
  run(context: BenchContext): Promise<Measurement[]>
}
