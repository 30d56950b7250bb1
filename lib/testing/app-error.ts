// Test support: the AppError a promise rejects with; the test fails when it resolves or rejects with anything else.
import { AppError } from '@/lib/errors'

export async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!AppError.is(error)) throw new Error(`expected an AppError, got ${String(error)}`)
  return error
}
