// Starts the app the way people do (scripts/start.ts, demo mode: simulator + SQLite) on ports of its own, so a
// running demo or an end-to-end run is left alone, and stops it (launcher, simulator and app) afterwards.
import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import path from 'node:path'

export interface Launched {
  appUrl: string
  simulatorUrl: string
  appPort: number
  stop(): Promise<void>
}

const root = path.resolve(import.meta.dirname, '../..')

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok
  } catch {
    return false
  }
}

export async function launch(options: { appPort: number; simulatorPort: number; logFile: string }): Promise<Launched> {
  const appUrl = `http://127.0.0.1:${options.appPort}`
  const simulatorUrl = `http://127.0.0.1:${options.simulatorPort}`
  for (const url of [`${appUrl}/api/health`, `${simulatorUrl}/__simulator/health`]) {
    if (await healthy(url)) throw new Error(`something already answers at ${url}: stop it or choose other ports (BENCH_APP_PORT, BENCH_SIMULATOR_PORT)`)
  }
  const log = createWriteStream(options.logFile)
  const launcher: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(options.appPort),
      SIMULATOR_PORT: String(options.simulatorPort),
      DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'file:.data/bench.sqlite',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  launcher.stdout?.pipe(log)
  launcher.stderr?.pipe(log)
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', resolve))

  // The launcher builds first when the build is older than the sources (minutes on two cores).
  const deadline = Date.now() + 15 * 60_000
  while (!(await healthy(`${appUrl}/api/health`))) {
    if (launcher.exitCode !== null) throw new Error(`the launcher exited with code ${launcher.exitCode}; see ${options.logFile}`)
    if (Date.now() > deadline) {
      launcher.kill('SIGTERM')
      throw new Error(`the app did not come up within 15 minutes; see ${options.logFile}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }

  return {
    appUrl,
    simulatorUrl,
    appPort: options.appPort,
    async stop() {
      // The launcher forwards SIGTERM to the simulator and the app it started.
      if (launcher.exitCode === null) launcher.kill('SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))])
      log.end()
    },
  }
}
