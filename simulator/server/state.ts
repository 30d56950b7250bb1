// The simulator's mutable view of the World: the generated records plus what clients create at run time
// (datasets from POST /dataSets, batches written by export jobs). Everything is per sandbox.
import type { BatchRecord, DatasetRecord, FileGroupRecord, SandboxRecord, SegmentRecord, World } from '../model'

export class SimulatorState {
  readonly datasets: DatasetRecord[]
  readonly batches: BatchRecord[]
  private readonly batchById = new Map<string, BatchRecord>()
  private readonly creators = new Map<string, { client: string; user: string }>()
  private readonly groupById = new Map<string, { batch: BatchRecord; group: FileGroupRecord }>()

  constructor(
    readonly world: World,
    readonly dataDir: string,
  ) {
    this.datasets = [...world.datasets]
    this.batches = []
    for (const b of world.batches) this.addBatch(b)
  }

  get orgId(): string {
    return this.world.orgId
  }

  sandbox(name: string): SandboxRecord | undefined {
    return this.world.sandboxes.find((s) => s.name === name)
  }

  defaultSandbox(): SandboxRecord | undefined {
    return this.world.sandboxes.find((s) => s.isDefault) ?? this.world.sandboxes[0]
  }

  datasetsIn(sandbox: string): DatasetRecord[] {
    return this.datasets.filter((d) => d.sandbox === sandbox)
  }

  dataset(sandbox: string, id: string): DatasetRecord | undefined {
    return this.datasets.find((d) => d.sandbox === sandbox && d.id === id)
  }

  /** Datasets created through the API remember which client created them (for `createdClient`). */
  addDataset(d: DatasetRecord, creator: { client: string; user: string }): void {
    this.datasets.push(d)
    this.creators.set(d.id, creator)
  }

  creatorOf(datasetId: string): { client: string; user: string } | undefined {
    return this.creators.get(datasetId)
  }

  batchesIn(sandbox: string): BatchRecord[] {
    return this.batches.filter((b) => b.sandbox === sandbox)
  }

  batchesOf(sandbox: string, datasetId: string): BatchRecord[] {
    return this.batches.filter((b) => b.sandbox === sandbox && b.datasetId === datasetId)
  }

  batch(sandbox: string, id: string): BatchRecord | undefined {
    const b = this.batchById.get(id)
    return b && b.sandbox === sandbox ? b : undefined
  }

  addBatch(b: BatchRecord): void {
    this.batches.push(b)
    this.batchById.set(b.id, b)
    for (const group of b.files) this.groupById.set(group.dataSetFileId, { batch: b, group })
  }

  fileGroup(sandbox: string, dataSetFileId: string): { batch: BatchRecord; group: FileGroupRecord } | undefined {
    const found = this.groupById.get(dataSetFileId)
    return found && found.batch.sandbox === sandbox ? found : undefined
  }

  segmentsIn(sandbox: string): SegmentRecord[] {
    return this.world.segments.filter((s) => s.sandbox === sandbox)
  }

  segment(sandbox: string, id: string): SegmentRecord | undefined {
    return this.world.segments.find((s) => s.sandbox === sandbox && s.id === id)
  }

  /** The World as it stands now, with run-time datasets, for the export writer. */
  currentWorld(): World {
    return { ...this.world, datasets: this.datasets, batches: this.batches }
  }
}
