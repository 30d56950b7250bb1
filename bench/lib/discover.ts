// The suite registry: every bench/suites/*.ts file that default-exports a Suite. Adding a file registers it.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Suite } from '../types'

const suitesDir = path.resolve(import.meta.dirname, '../suites')

function isSuite(value: unknown): value is Suite {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<Suite>
  return typeof candidate.name === 'string' && typeof candidate.run === 'function'
}

export async function discoverSuites(only: string[] = []): Promise<Suite[]> {
  const files = readdirSync(suitesDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .sort()
  const suites: Suite[] = []
  for (const file of files) {
    const loaded = (await import(pathToFileURL(path.join(suitesDir, file)).href)) as { default?: unknown }
    if (!isSuite(loaded.default)) throw new Error(`bench/suites/${file} must default-export a Suite ({ name, description, run })`)
    suites.push(loaded.default)
  }
  const unknown = only.filter((name) => !suites.some((suite) => suite.name === name))
  if (unknown.length) throw new Error(`no suite named ${unknown.join(', ')}; there are: ${suites.map((suite) => suite.name).join(', ')}`)
  return only.length ? suites.filter((suite) => only.includes(suite.name)) : suites
}
