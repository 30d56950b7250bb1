// A cross-process lock around one world directory: the simulator server and a test run may both find the cache
// missing and start generating into the same place. `mkdir` is atomic, so the lock is a directory holding the
// owner's pid; a lock whose owner has died is taken over.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const POLL_MS = 250

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function ownerOf(lockPath: string): Promise<number | undefined> {
  try {
    const pid = Number(await readFile(join(lockPath, 'pid'), 'utf8'))
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

async function tryAcquire(lockPath: string): Promise<boolean> {
  try {
    await mkdir(lockPath)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  await writeFile(join(lockPath, 'pid'), String(process.pid))
  return true
}

/**
 * Runs `work` holding the lock. `recheck` runs after waiting for another process: if that process produced what
 * we wanted, its result is returned and `work` is skipped.
 */
export async function withLock<T>(
  lockPath: string,
  recheck: () => Promise<T | undefined>,
  work: () => Promise<T>,
  log: (msg: string) => void,
): Promise<T> {
  let waited = false
  let noOwnerSince: number | undefined
  for (;;) {
    if (await tryAcquire(lockPath)) break
    if (!waited) log(`simulator: waiting for another process generating into ${lockPath.replace(/\.lock$/, '')}`)
    waited = true
    const owner = await ownerOf(lockPath)
    // A lock without a pid file is either being created right now or was left by a crash in between.
    if (owner === undefined) noOwnerSince ??= Date.now()
    else noOwnerSince = undefined
    const stale = owner !== undefined ? !alive(owner) : Date.now() - (noOwnerSince ?? Date.now()) > 5_000
    if (stale) {
      await rm(lockPath, { recursive: true, force: true })
      continue
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  try {
    if (waited) {
      const done = await recheck()
      if (done !== undefined) return done
    }
    return await work()
  } finally {
    await rm(lockPath, { recursive: true, force: true })
  }
}
