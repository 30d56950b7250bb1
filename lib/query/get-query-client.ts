import { QueryClient, isServer } from '@tanstack/react-query'
import { AppError } from '@/lib/errors'

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // The server already retries Adobe with backoff: retrying here too would multiply the load (retry at one
        // layer only). Only a network failure between browser and app is worth one more try.
        // On the server a prefetch that failed is left for the browser to show; never asked twice.
        retry: isServer ? false : (failureCount, error) => failureCount < 1 && !AppError.is(error),
        refetchOnWindowFocus: false,
      },
    },
  })
}

let browserQueryClient: QueryClient | undefined

/** One client per request on the server, one for the page's life in the browser. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient()
  browserQueryClient ??= makeQueryClient()
  return browserQueryClient
}
