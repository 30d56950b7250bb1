// Whether `.next` was built from the sources as they are now: `npm start` builds only when it must.
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const sourceDirs = ['app', 'components', 'lib', 'public']
const sourceFiles = ['package-lock.json', 'next.config.mjs', 'proxy.ts', 'instrumentation.ts', 'postcss.config.mjs', 'tsconfig.json']

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0
  const stat = statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)))
  return newest
}

export function buildIsStale(root: string): boolean {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID')
  if (!existsSync(buildId)) return true
  const builtAt = statSync(buildId).mtimeMs
  return [...sourceDirs, ...sourceFiles].some((entry) => newestMtime(path.join(root, entry)) > builtAt)
}
