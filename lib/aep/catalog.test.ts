import { describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { catalogBatch, json, status, testClient, type RecordedCall } from './testing/fake-adobe'

// Catalog: id-keyed maps, `start`/`limit` paging to the end with one request per page, and the reshaping of
// Adobe's batch and dataset objects into ours.

const scoresGuideBatch = {
  '01E5QSWCAASFQ054FNBKYV6TIQ': {
    status: 'success',
    tags: { Tags: ['x'] },
    relatedObjects: [{ type: 'dataSet', id: '5cd9146b31dae914b75f654f' }],
    id: '01E5QSWCAASFQ054FNBKYV6TIQ',
    externalId: '01E5QSWCAASFQ054FNBKYV6TIQ',
    replay: { predecessors: ['01E5N7EDQQP4JHJ93M7C3WM5SP'], reason: 'Replacing for 2020-04-09', predecessorListingType: 'IMMEDIATE' },
    inputFormat: { format: 'parquet' },
    imsOrg: '412657965Y566A4A0A495D4A@AdobeOrg',
    started: 1586715571808,
    metrics: { partitionCount: 1, outputByteSize: 2380339, inputFileCount: -1, outputRecordCount: 24340, note: 'ignored' },
    completed: 1586715582735,
    created: 1586715571217,
    createdClient: 'acp_foundation_push',
    updated: 1586715583582,
    version: '1.0.5',
  },
}

/** n batches keyed `b<offset+i>`, created newest first. */
function batchPage(offset: number, count: number) {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`b${offset + i}`, catalogBatch({ created: 2_000_000 - (offset + i) })]),
  )
}

const query = (call: RecordedCall | undefined) => Object.fromEntries(call?.url.searchParams ?? [])

describe('catalog.getBatch / reshaping', () => {
  it('reshapes the Customer AI guide’s batch', async () => {
    const { client } = testClient({ platform: [() => json(scoresGuideBatch)] })
    expect(await client.catalog.getBatch('prod', '01E5QSWCAASFQ054FNBKYV6TIQ')).toEqual({
      id: '01E5QSWCAASFQ054FNBKYV6TIQ',
      idSource: 'key',
      datasetId: '5cd9146b31dae914b75f654f',
      status: 'success',
      created: 1586715571217,
      started: 1586715571808,
      completed: 1586715582735,
      updated: 1586715583582,
      durationMs: 10927,
      recordCount: 24340,
      failedRecordCount: undefined,
      size: 2380339,
      errors: [],
      predecessors: ['01E5N7EDQQP4JHJ93M7C3WM5SP'],
      replayReason: 'Replacing for 2020-04-09',
      createdClient: 'acp_foundation_push',
      metrics: { partitionCount: 1, outputByteSize: 2380339, inputFileCount: -1, outputRecordCount: 24340 },
    })
  })

  it('an object without its own id takes the relatedObjects batch id, and says so', async () => {
    const ingestion = {
      '5c6f3a6f': {
        relatedObjects: [{ id: '5c01a9', type: 'dataSet' }, { id: '00998255b4a148a2bfd4804c2f327324', type: 'batch' }],
        status: 'failure',
        metrics: { recordsFailed: 2, recordsWritten: 5 },
        errors: [{ code: 101, description: 'Row 3 malformed', rows: ['3'] }],
        created: 1550791835809,
      },
    }
    const { client } = testClient({ platform: [() => json(ingestion)] })
    const batch = await client.catalog.getBatch('prod', '5c6f3a6f')
    expect(batch).toMatchObject({
      id: '00998255b4a148a2bfd4804c2f327324',
      idSource: 'relatedObjects',
      recordCount: 5,
      failedRecordCount: 2,
      errors: [{ code: '101', description: 'Row 3 malformed' }],
    })
  })

  it('an empty lookup answer is not_found:aep', async () => {
    const { client } = testClient({ platform: [() => json({})] })
    await expect(client.catalog.getBatch('dev', 'nope')).rejects.toMatchObject({ code: 'not_found:aep', message: 'That batch does not exist in sandbox dev.' })
  })

  it('a batch without a status is an unexpected shape', async () => {
    const { client } = testClient({ platform: [() => json({ b1: { created: 1 } })] })
    const error = await client.catalog.getBatch('prod', 'b1').catch((reason: unknown) => reason)
    expect(AppError.is(error) && error.code).toBe('upstream:aep')
    expect(AppError.is(error) && error.detail).toContain('status')
  })
})

describe('catalog.listBatches', () => {
  it('follows every page with start until a short page: 100 + 100 + 37 → exactly 3 requests', async () => {
    const { client, adobe } = testClient({ platform: [() => json(batchPage(0, 100)), () => json(batchPage(100, 100)), () => json(batchPage(200, 37))] })
    const batches = await client.catalog.listBatches('prod', { datasetId: '5cd9146b31dae914b75f654f', status: 'success' })
    expect(batches).toHaveLength(237)
    expect(adobe.platformCalls).toHaveLength(3)
    expect(adobe.platformCalls.map((call) => call.url.searchParams.get('start'))).toEqual(['0', '100', '200'])
    expect(query(adobe.platformCalls[0])).toEqual({
      dataSet: '5cd9146b31dae914b75f654f',
      status: 'success',
      orderBy: 'desc:created',
      limit: '100',
      start: '0',
    })
    expect(batches[0]?.id).toBe('b0')
    expect(batches.every((batch, i) => i === 0 || batches[i - 1]!.created >= batch.created)).toBe(true)
  })

  it('a full last page is followed by one more request that answers {}', async () => {
    const { client, adobe } = testClient({ platform: [() => json(batchPage(0, 100)), () => json({})] })
    expect(await client.catalog.listBatches('prod', { datasetId: 'd1' })).toHaveLength(100)
    expect(adobe.platformCalls).toHaveLength(2)
  })

  it('a server that ignores start (same page again) is stopped, not looped', async () => {
    const { client, adobe } = testClient({ platform: () => json(batchPage(0, 100)) })
    await expect(client.catalog.listBatches('prod', { datasetId: 'd1' })).rejects.toMatchObject({ code: 'upstream:aep' })
    expect(adobe.platformCalls).toHaveLength(2)
  })
})

describe('catalog.latestSuccessfulBatch', () => {
  it('asks for the newest success (limit 1), without createdClient unless given', async () => {
    const { client, adobe } = testClient({ platform: [() => json(scoresGuideBatch), () => json({})] })
    expect((await client.catalog.latestSuccessfulBatch('prod', '5cd9146b31dae914b75f654f'))?.id).toBe('01E5QSWCAASFQ054FNBKYV6TIQ')
    expect(query(adobe.platformCalls[0])).toEqual({ dataSet: '5cd9146b31dae914b75f654f', status: 'success', orderBy: 'desc:created', limit: '1' })
    expect(await client.catalog.latestSuccessfulBatch('prod', 'd2', { createdClient: 'acp_foundation_push' })).toBeUndefined()
    expect(query(adobe.platformCalls[1]).createdClient).toBe('acp_foundation_push')
  })
})

describe('catalog datasets', () => {
  const scoreDatasets = {
    '5cd9146b31dae914b75f654f': {
      name: 'Customer AI Scores - Churn EMEA',
      created: 1,
      updated: 2,
      lastBatchId: '01E5QSWCAASFQ054FNBKYV6TIQ',
      lastBatchStatus: 'success',
      schemaRef: { id: 'https://ns.adobe.com/acme/schemas/abc', contentType: 'application/vnd.adobe.xed+json;version=1' },
      tags: { unifiedProfile: ['enabled:true'], 'adobe/pqs/table': ['customer_ai_scores'] },
    },
    '5cd9146b31dae914b75f6550': { name: 'Customer AI Scores - Conversion', created: 3, tags: { unifiedProfile: ['enabled:false'] } },
    '5cd9146b31dae914b75f6551': { name: 'Segment Export', created: 4 },
  }

  it('lists the score datasets with the name filter, instance names and profile flag', async () => {
    const { client, adobe } = testClient({ platform: [() => json(scoreDatasets)] })
    const datasets = await client.catalog.listScoreDatasets('prod')
    expect(datasets.map((dataset) => [dataset.instanceName, dataset.profileEnabled, dataset.schemaId])).toEqual([
      ['Churn EMEA', true, 'https://ns.adobe.com/acme/schemas/abc'],
      ['Conversion', false, undefined],
    ])
    const call = adobe.platformCalls[0]
    expect(call?.url.searchParams.get('property')).toBe('name~^Customer AI Scores - ')
    expect(call?.url.search).toContain('property=name~%5ECustomer%20AI%20Scores%20-%20') // spaces as %20, not '+'
    expect(call?.url.searchParams.get('limit')).toBe('100')
    expect(adobe.platformCalls).toHaveLength(1)
  })

  it('lists the datasets on one schema, newest first, across every page', async () => {
    const union = 'https://ns.adobe.com/xdm/context/profile__union'
    const onUnion = (name: string, created: number) => ({ name, created, schemaRef: { id: union, contentType: 'application/vnd.adobe.xed+json;version=1' } })
    const firstPage = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`5cd9146b31dae914b75f${String(6600 + i).padStart(4, '0')}`, i === 7 ? onUnion('Older export', 10) : { name: `Other ${i}`, created: 50 }]),
    )
    const { client, adobe } = testClient({
      platform: [() => json(firstPage), () => json({ '5cd9146b31dae914b75f6999': onUnion('Newer export', 20), '5cd9146b31dae914b75f6998': { name: 'Web Events', created: 30 } })],
    })
    const datasets = await client.catalog.listDatasetsOnSchema('prod', union)
    expect(datasets.map((dataset) => dataset.name)).toEqual(['Newer export', 'Older export'])
    expect(adobe.platformCalls.map((call) => call.url.searchParams.get('start'))).toEqual(['0', '100'])
    expect(adobe.platformCalls[0]?.url.searchParams.get('properties')).toBe('name,schemaRef,created')
  })

  it('getDataset reshapes one dataset, score or not', async () => {
    const { client } = testClient({ platform: [() => json({ '5cd9146b31dae914b75f6551': scoreDatasets['5cd9146b31dae914b75f6551'] })] })
    expect(await client.catalog.getDataset('prod', '5cd9146b31dae914b75f6551')).toMatchObject({
      id: '5cd9146b31dae914b75f6551',
      name: 'Segment Export',
      instanceName: undefined,
      created: 4,
      updated: 4,
      profileEnabled: false,
      tags: {},
    })
  })

  it.each([['@/dataSets/5b020a27e7040801dedba61b'], ['@/datasets/5b020a27e7040801dedba61b']])('createDataset reads the id from %s', async (ref) => {
    const { client, adobe } = testClient({ platform: [() => json([ref], { status: 201 })] })
    expect(await client.catalog.createDataset('prod', { name: 'Segment Export', schemaId: 'https://ns.adobe.com/xdm/context/profile__union', profileEnabled: true })).toBe(
      '5b020a27e7040801dedba61b',
    )
    const call = adobe.platformCalls[0]
    expect(call?.method).toBe('POST')
    expect(call?.headers.get('content-type')).toBe('application/json')
    expect(JSON.parse(call?.body ?? '')).toEqual({
      name: 'Segment Export',
      schemaRef: { id: 'https://ns.adobe.com/xdm/context/profile__union', contentType: 'application/vnd.adobe.xed+json;version=1' },
      fileDescription: { persisted: true, containerFormat: 'parquet', format: 'parquet' },
      tags: { unifiedProfile: ['enabled:true'], unifiedIdentity: ['enabled:true'] },
    })
  })

  it('createDataset refuses an answer it cannot read an id from', async () => {
    const { client } = testClient({ platform: [() => status(201, {}, ['@/somethingElse/1'])] })
    await expect(client.catalog.createDataset('prod', { name: 'x', schemaId: 'y' })).rejects.toMatchObject({ code: 'upstream:aep' })
  })
})
