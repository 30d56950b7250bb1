// `npm run bench [-- <suite> ...]`: starts the app and its simulator on ports of their own, runs the registered
// suites (bench/suites/*.ts), each measuring its own baseline in the same run, then writes
// bench/results/latest.json and prints the table. Exits non-zero when a suite fails or misses a target.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { adobeHeaders, aliceSession } from './lib/credentials'
import { discoverSuites } from './lib/discover'
import { launch } from './lib/launch'
import { type BenchResults, type SuiteResult, machine, mergeWithPrevious, table, writeResults } from './lib/report'
import { simulatorAdmin } from './lib/simulator'
import type { BenchContext } from './types'

const resultsDir = path.resolve(import.meta.dirname, 'results')
const log = (message: string) => console.info(`[bench] ${message}`)

async function main(): Promise<number> {
  const suites = await discoverSuites(process.argv.slice(2).filter((arg) => !arg.startsWith('-')))
  mkdirSync(resultsDir, { recursive: true })
  const appPort = Number(process.env.BENCH_APP_PORT ?? 3900)
  const simulatorPort = Number(process.env.BENCH_SIMULATOR_PORT ?? 4900)
  const logFile = path.join(resultsDir, 'server.log.tmp')
  log(`starting the app on ${appPort} and the simulator on ${simulatorPort} (output in ${path.relative(process.cwd(), logFile)})`)
  const app = await launch({ appPort, simulatorPort, logFile })

  const startedAt = new Date().toISOString()
  const results: SuiteResult[] = []
  try {
    const session = await aliceSession()
    const context: BenchContext = {
      appUrl: app.appUrl,
      simulatorUrl: app.simulatorUrl,
      appPort: app.appPort,
      session,
      adobeHeaders: adobeHeaders(app.simulatorUrl),
      simulator: simulatorAdmin(app.simulatorUrl),
      async appJson<T>(apiPath: string): Promise<T> {
        const response = await fetch(`${app.appUrl}${apiPath}`, { headers: session })
        if (!response.ok) throw new Error(`GET ${apiPath} answered ${response.status}: ${(await response.text()).slice(0, 200)}`)
        return (await response.json()) as T
      },
      log,
    }
    for (const suite of suites) {
      log(`suite ${suite.name}: ${suite.description}`)
      const started = Date.now()
      const result: SuiteResult = {
        name: suite.name,
        description: suite.description,
        durationS: 0,
        measurements: [],
        measuredAt: new Date().toISOString(),
        scale: process.env.SIMULATOR_SCALE ?? 'demo',
      }
      try {
        result.measurements = await suite.run(context)
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error)
        log(`suite ${suite.name} failed: ${result.error}`)
      } finally {
        await context.simulator.clearFaults().catch(() => {})
      }
      result.durationS = Math.round((Date.now() - started) / 100) / 10
      results.push(result)
    }
  } finally {
    await app.stop()
  }

  const report: BenchResults = { startedAt, finishedAt: new Date().toISOString(), machine: machine(), suites: results }
  const file = path.join(resultsDir, 'latest.json')
  writeResults(file, mergeWithPrevious(file, report))
  console.info(`\n${table(report)}\n`)
  log(`written to ${path.relative(process.cwd(), file)}`)
  const failed = results.some((suite) => suite.error || suite.measurements.some((m) => m.pass === false))
  return failed ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
