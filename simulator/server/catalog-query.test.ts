import { describe, expect, it } from 'vitest'
import { type CatalogEntry, runCatalogQuery } from './catalog-query'

const entries: CatalogEntry[] = [
  { id: 'a', wire: { name: 'Customer AI Scores - One', version: '1.0.2', created: 3, tags: { t: ['x'] } } },
  { id: 'b', wire: { name: 'Customer AI Scores - Two', version: '1.0.10', created: 1, tags: { t: ['y'] } } },
  { id: 'c', wire: { name: 'Web *Events*', version: '1.0.1', created: 2 } },
]
const ids = (q: string) => Object.keys(runCatalogQuery(entries, new URLSearchParams(q)))

describe('runCatalogQuery', () => {
  it('compares versions part by part', () => {
    expect(ids('property=version>1.0.2')).toEqual(['b'])
    expect(ids('property=version<=1.0.2&orderBy=version')).toEqual(['c', 'a'])
  })

  it('treats * as a wildcard and ** as a literal star', () => {
    expect(ids('name=Customer*')).toEqual(['a', 'b'])
    expect(ids('name=Web **Events**')).toEqual(['c'])
    expect(ids('name=Web **Events')).toEqual([])
  })

  it('filters by tags and by id', () => {
    expect(ids('tags=t:x')).toEqual(['a'])
    expect(ids('tags=t:*')).toEqual(['a', 'b'])
    expect(ids('id=!a')).toEqual(['b', 'c'])
  })

  it('orders with missing values last', () => {
    expect(ids('orderBy=desc:created')).toEqual(['a', 'c', 'b'])
    expect(Object.keys(runCatalogQuery([...entries, { id: 'd', wire: {} }], new URLSearchParams('orderBy=desc:created')))).toEqual(['a', 'c', 'b', 'd'])
  })

  it('rejects bad parameters with a 400', () => {
    for (const q of ['limit=0', 'limit=101', 'start=-1', 'property=~x', 'property=name~(', 'createdAfter=yesterday']) {
      expect(() => runCatalogQuery(entries, new URLSearchParams(q)), q).toThrow()
    }
  })
})
