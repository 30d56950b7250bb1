import { AppError, appErrorFromBody } from '@/lib/errors'

/** GET JSON from our own API; a non-2xx answer is rethrown as the AppError the route sent. */
export async function fetchJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } })
  const body: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    if (response.status === 401) throw new AppError('unauthorized:auth', 'Your session has ended. Sign in again.')
    throw appErrorFromBody(response.status, body)
  }
  return body as T
}
