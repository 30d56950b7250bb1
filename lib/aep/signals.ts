import 'server-only'

/**
 * One signal that aborts when any of `sources` does, with that source's reason. `dispose` detaches the listeners;
 * call it when the request is over, so long-lived signals (a whole download's) do not collect dead listeners.
 */
export function linkSignals(...sources: (AbortSignal | undefined)[]): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController()
  const present = sources.filter((source): source is AbortSignal => source !== undefined)
  const already = present.find((source) => source.aborted)
  if (already) {
    controller.abort(already.reason)
    return { signal: controller.signal, dispose: () => {} }
  }
  const listeners = present.map((source) => {
    const onAbort = () => controller.abort(source.reason)
    source.addEventListener('abort', onAbort, { once: true })
    return () => source.removeEventListener('abort', onAbort)
  })
  return { signal: controller.signal, dispose: () => listeners.forEach((remove) => remove()) }
}

/** `promise`, or the signal's reason as soon as it aborts (for bodies of fakes or runtimes that ignore the signal). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/** An AbortSignal that fires after `ms` with `reason()`; `clear` stops the timer. */
export function timeoutSignal(ms: number, reason: () => unknown): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(reason()), ms)
  return { signal: controller.signal, clear: () => clearTimeout(timer) }
}
