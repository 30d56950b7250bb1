// The on-disk cache of a generated world: `manifest.json` is written last, through a rename, so a directory
// without a manifest (or with another generator's) is an interrupted or stale generation and is rebuilt.
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { World } from '../model'

export const MANIFEST = 'manifest.json'

export async function readManifest(worldPath: string, cacheKey: string): Promise<World | undefined> {
  let text: string
  try {
    text = await readFile(join(worldPath, MANIFEST), 'utf8')
  } catch {
    return undefined
  }
  try {
    const world = JSON.parse(text) as World
    return world.cacheKey === cacheKey ? world : undefined
  } catch {
    return undefined
  }
}

export async function writeManifest(worldPath: string, world: World): Promise<void> {
  const tmp = join(worldPath, `${MANIFEST}.${process.pid}.tmp`)
  await writeFile(tmp, JSON.stringify(world, null, 1))
  await rename(tmp, join(worldPath, MANIFEST))
}

export async function resetDir(path: string): Promise<void> {
  if (existsSync(path)) await rm(path, { recursive: true, force: true })
  await mkdir(path, { recursive: true })
}
