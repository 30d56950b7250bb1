// Every route handler in app/, found on disk at test time, so a route added later cannot escape the auth matrix.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

export interface DiscoveredRoute {
  file: string
  /** A concrete URL path with plausible values in place of the dynamic segments. */
  urlPath: string
  methods: string[]
}

const sampleParams: Record<string, string> = {
  sandbox: 'prod',
  datasetId: '0123456789abcdef01234567',
  batchId: '01E5QSWCAASFQ054FNBKYV6TIQ',
  dataSetFileId: '01E5QSWCAASFQ054FNBKYV6TIQ-1',
  id: '1',
  token: 'a'.repeat(43),
}

const methodPattern = /export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD)\b|\bas\s+(GET|POST|PUT|PATCH|DELETE|HEAD)\b/g

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry)
    return statSync(full).isDirectory() ? walk(full) : entry === 'route.ts' ? [full] : []
  })
}

export function discoverRoutes(appDir = path.resolve('app')): DiscoveredRoute[] {
  return walk(appDir).map((file) => {
    const segments = path
      .relative(appDir, path.dirname(file))
      .split(path.sep)
      .filter((segment) => segment && !/^\(.*\)$/.test(segment))
      .map((segment) => {
        const dynamic = /^\[(?:\.\.\.)?(.+)\]$/.exec(segment)
        return dynamic ? (sampleParams[dynamic[1] ?? ''] ?? 'x') : segment
      })
    const source = readFileSync(file, 'utf8')
    const methods = [...new Set([...source.matchAll(methodPattern)].map((match) => match[1] ?? match[2] ?? ''))]
    return { file: path.relative(process.cwd(), file), urlPath: `/${segments.join('/')}`, methods }
  })
}

/** Routes that are public on purpose: next-auth's own endpoints and the liveness check. */
export const publicRoutes = new Set(['app/api/auth/[...nextauth]/route.ts', 'app/api/health/route.ts'])
