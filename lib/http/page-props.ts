// Next 16 hands pages their params and search params as promises.
export type SearchParams = Record<string, string | string[] | undefined>

export interface PageArgs<Params extends Record<string, string> = Record<string, never>> {
  params: Promise<Params>
  searchParams: Promise<SearchParams>
}

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
