import { describe, expect, it } from 'vitest'
import { json, status, testClient } from './testing/fake-adobe'

// Segmentation and export jobs (aep-api.md §4): both spellings of the dataset key, both destination forms, the
// opaque `offset` cursor of the export job list.

const exportJob = (overrides: Record<string, unknown> = {}) => ({
  profileInstanceId: 'ups',
  jobType: 'BATCH',
  id: 24115,
  status: 'NEW',
  filter: { segments: [{ segmentId: '52c26d0d-45f2-47a2-ab30-ed06abc981ff', segmentNs: 'ups', status: ['realized'] }] },
  destination: { dataSetId: '5b7c86968f7b6501e21ba9df', segmentPerBatch: false },
  schema: { name: '_xdm.context.profile' },
  computeGatewayJobId: {},
  creationTime: 1538615973895,
  updateTime: 1538616233239,
  ...overrides,
})

describe('segmentation', () => {
  it('createExportJob posts the segment and dataset once and reshapes the job (dataSetId spelling)', async () => {
    const { client, adobe } = testClient({ platform: [() => json(exportJob())] })
    const job = await client.segmentation.createExportJob('prod', { segmentId: '52c26d0d-45f2-47a2-ab30-ed06abc981ff', datasetId: '5b7c86968f7b6501e21ba9df' })
    expect(job).toEqual({
      id: '24115',
      status: 'NEW',
      segmentIds: ['52c26d0d-45f2-47a2-ab30-ed06abc981ff'],
      datasetId: '5b7c86968f7b6501e21ba9df',
      batchId: undefined,
      errors: [],
      created: 1538615973895,
      updated: 1538616233239,
    })
    const call = adobe.platformCalls[0]
    expect(call?.method).toBe('POST')
    expect(call?.url.pathname).toBe('/data/core/ups/export/jobs')
    expect(JSON.parse(call?.body ?? '')).toEqual({
      filter: { segments: [{ segmentId: '52c26d0d-45f2-47a2-ab30-ed06abc981ff', segmentNs: 'ups', status: ['realized', 'existing'] }] },
      destination: { datasetId: '5b7c86968f7b6501e21ba9df', segmentPerBatch: false },
      schema: { name: '_xdm.context.profile' },
    })
  })

  it('createExportJob is not retried on 429 (a POST)', async () => {
    const { client, adobe } = testClient({ platform: [() => status(429, { 'retry-after': '1' }), () => json(exportJob())] })
    await expect(client.segmentation.createExportJob('prod', { segmentId: 's', datasetId: 'd' })).rejects.toMatchObject({ code: 'rate_limited:aep' })
    expect(adobe.platformCalls).toHaveLength(1)
  })

  it('getExportJob reads batchId, datasetId spelling, lower-case status and errors', async () => {
    const finished = exportJob({ status: 'succeeded', destination: { datasetId: 'd1', batchId: 'b-export-1' } })
    const failed = exportJob({ status: 'FAILED', destination: { datasetId: 'd1', batchId: '' }, errors: [{ code: '0090000009', msg: 'Error writing profiles', callStack: '…' }] })
    const perSegment = exportJob({ status: 'SUCCEEDED', destination: { datasetId: 'd1', segmentPerBatch: true, batches: [{ segmentId: 's', batchId: 'b-seg' }] } })
    const { client, adobe } = testClient({ platform: [() => json(finished), () => json(failed), () => json(perSegment)] })
    expect(await client.segmentation.getExportJob('prod', '24115')).toMatchObject({ status: 'SUCCEEDED', datasetId: 'd1', batchId: 'b-export-1' })
    expect(await client.segmentation.getExportJob('prod', '24116')).toMatchObject({
      status: 'FAILED',
      batchId: undefined,
      errors: [{ code: '0090000009', message: 'Error writing profiles' }],
    })
    expect((await client.segmentation.getExportJob('prod', '24117')).batchId).toBe('b-seg')
    expect(adobe.platformCalls[0]?.url.pathname).toBe('/data/core/ups/export/jobs/24115')
  })

  it('an unknown export job status is an unexpected shape', async () => {
    const { client } = testClient({ platform: [() => json(exportJob({ status: 'EXPLODED' }))] })
    await expect(client.segmentation.getExportJob('prod', '1')).rejects.toMatchObject({ code: 'upstream:aep' })
  })

  it('listExportJobs follows the offset cursor of link.next, one request per page', async () => {
    const { client, adobe } = testClient({
      platform: [
        () => json({ records: [exportJob({ id: 2 })], page: { pageSize: 1 }, link: { next: '/export/jobs/?limit=1&offset=1538573416687_722' } }),
        () => json({ records: [exportJob({ id: 1 })], page: { pageSize: 1 }, link: {} }),
      ],
    })
    expect((await client.segmentation.listExportJobs('prod')).map((job) => job.id)).toEqual(['2', '1'])
    expect(adobe.platformCalls.map((call) => call.url.search)).toEqual(['?limit=100', '?limit=100&offset=1538573416687_722'])
  })

  it('listSegments reads definitions page by page', async () => {
    const segment = (id: string) => ({
      id,
      name: `High churn ${id}`,
      description: 'score >= 75',
      expression: { type: 'PQL', format: 'pql/text', value: '_acme.CustomerAI.churn.score >= 75' },
      creationTime: 1,
      updateTime: 2,
    })
    const { client, adobe } = testClient({ platform: [() => json({ segments: [segment('s1'), segment('s2')], page: { totalCount: 2 }, link: {} })] })
    expect(await client.segmentation.listSegments('prod')).toEqual([
      { id: 's1', name: 'High churn s1', description: 'score >= 75', expression: '_acme.CustomerAI.churn.score >= 75', created: 1, updated: 2 },
      { id: 's2', name: 'High churn s2', description: 'score >= 75', expression: '_acme.CustomerAI.churn.score >= 75', created: 1, updated: 2 },
    ])
    expect(adobe.platformCalls[0]?.url.pathname).toBe('/data/core/ups/segment/definitions')
    expect(adobe.platformCalls).toHaveLength(1)
  })
})
