// `npm start`: the dashboard on the embedded default. With no Adobe settings it starts the AEP simulator, points the
// app at it and keeps SQLite under .data/; with Adobe settings it talks to Adobe and never starts the simulator.
// It builds the app when the build is missing or older than the sources, then runs `next start`.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ConfigError, isDemoMode, parseAppConfig } from '../lib/config/schema'
import { buildIsStale } from './build-freshness'

const root = path.resolve(import.meta.dirname, '..')
const dataDir = path.join(root, '.data')
const children: ChildProcess[] = []

function log(message: string): void {
  console.info(`[score-explorer] ${message}`)
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' })
  children.push(child)
  return child
}

async function waitFor(url: string, what: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`)
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) })
      if (response.ok) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`${what} did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s`)
}

/** A stable secret for demo sessions, so a restart does not sign everyone out. */
function demoSecret(): string {
  const file = path.join(dataDir, 'nextauth-secret')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}

async function startSimulator(env: NodeJS.ProcessEnv, appOrigin: string): Promise<string> {
  const port = env.SIMULATOR_PORT ?? '4010'
  const url = `http://127.0.0.1:${port}`
  const simulator = run(process.execPath, ['--import', 'tsx', 'simulator/main.ts'], {
    ...env,
    SIMULATOR_PORT: port,
    SIMULATOR_APP_ORIGINS: `${appOrigin},${appOrigin.replace('127.0.0.1', 'localhost')}`,
  })
  log(`starting the AEP simulator on ${url} (the first start generates its data; later starts reuse it)`)
  await waitFor(`${url}/__simulator/health`, 'The AEP simulator', 180_000, simulator)
  return url
}

function demoEnvironment(simulatorUrl: string, appOrigin: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    AEP_IMS_URL: simulatorUrl,
    AEP_PLATFORM_URL: simulatorUrl,
    AEP_CLIENT_ID: 'score-explorer-demo',
    AEP_CLIENT_SECRET: 'demo-secret',
    AEP_ORG_ID: '0123456789ABCDEF01234567@AdobeOrg',
    AUTH_OIDC_DISCOVERY_URL: `${simulatorUrl}/ims/.well-known/openid-configuration`,
    AUTH_OIDC_CLIENT_ID: 'score-explorer-web',
    AUTH_OIDC_CLIENT_SECRET: 'demo-web-secret',
    AUTH_ALLOWED_EMAIL_DOMAINS: 'acme.example',
    NEXTAUTH_SECRET: demoSecret(),
    NEXTAUTH_URL: appOrigin,
    ...env,
  }
}

async function main(): Promise<void> {
  const port = process.env.PORT ?? '3000'
  const appOrigin = `http://127.0.0.1:${port}`
  let env: NodeJS.ProcessEnv = { ...process.env, PORT: port, NODE_ENV: 'production' }
  const demo = isDemoMode(env)
  if (demo) env = demoEnvironment(await startSimulator(env, appOrigin), appOrigin, env)

  try {
    parseAppConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exitCode = 1
      shutdown()
      return
    }
    throw error
  }

  if (process.argv.includes('--no-build')) {
    log('skipping the build (--no-build)')
  } else if (buildIsStale(root)) {
    log('building the app (next build)…')
    const build = run(process.execPath, ['node_modules/next/dist/bin/next', 'build'], env)
    const code = await new Promise<number | null>((resolve) => build.on('exit', resolve))
    if (code !== 0) throw new Error(`next build failed with code ${code}`)
  }

  const next = run(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], env)
  next.on('exit', (code) => {
    process.exitCode = code ?? 1
    shutdown()
  })
  await waitFor(`${appOrigin}/api/health`, 'Score Explorer', 120_000, next)
  log(`ready: open ${appOrigin}`)
  if (demo) {
    log('demo mode: Adobe is simulated at ' + env.AEP_PLATFORM_URL)
    log('sign in as alice@acme.example or bob@acme.example, password "demo" (eve@other.example is outside the organisation)')
  }
}

function shutdown(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    shutdown()
    process.exit(0)
  })
}

main().catch((error: unknown) => {
  console.error(`[score-explorer] ${error instanceof Error ? error.message : String(error)}`)
  shutdown()
  process.exit(1)
})
