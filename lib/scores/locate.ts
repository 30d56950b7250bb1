// Where the Customer AI score fields sit in a parquet schema. Adobe does not publish the exact field names, so we
// look for a struct that holds score-like leaves, under any tenant and instance key (design.md), and rank the
// candidates by how many of the documented attributes they carry. Pure: used by the browser and the server alike.
import type { SchemaTree } from 'hyparquet'

/** A leaf's path as parquet writes it in `path_in_schema`, e.g. `_acmeinc.CustomerAI.churn.score`. */
export type LeafPath = string[]

export interface ScoreFields {
  /** Path of the struct holding the score, e.g. `['_acmeinc', 'CustomerAI', 'churnPrediction']`. */
  base: string[]
  /** The instance key: the struct's own name. */
  instanceKey: string
  score: LeafPath
  probability?: LeafPath
  percentile?: LeafPath
  propensityType?: LeafPath
  scoreDate?: LeafPath
  factors?: { code?: LeafPath; value?: LeafPath; importance?: LeafPath }
}

const numericTypes = new Set(['INT32', 'INT64', 'FLOAT', 'DOUBLE'])

const attributePatterns = {
  score: /^score$/i,
  probability: /^probability$/i,
  percentile: /^percentile(score)?$/i,
  propensityType: /^propensity_?type$/i,
  scoreDate: /^score_?date$/i,
  factors: /^influential_?factors$/i,
} as const

function isLeaf(node: SchemaTree): boolean {
  return node.children.length === 0
}

function isNumericLeaf(node: SchemaTree): boolean {
  return isLeaf(node) && node.element.type !== undefined && numericTypes.has(node.element.type)
}

/** Every leaf under a node, with its full path. */
function leavesOf(node: SchemaTree): SchemaTree[] {
  return isLeaf(node) ? [node] : node.children.flatMap(leavesOf)
}

function findChild(node: SchemaTree, pattern: RegExp): SchemaTree | undefined {
  return node.children.find((child) => pattern.test(child.element.name))
}

function leafPath(node: SchemaTree | undefined): LeafPath | undefined {
  return node && isLeaf(node) ? node.path : undefined
}

/** The leaves of a list of structs, found by name wherever the writer put them (list/element, bag/array…). */
function factorLeaves(node: SchemaTree | undefined): ScoreFields['factors'] {
  if (!node) return undefined
  const leaves = leavesOf(node)
  const named = (pattern: RegExp) => leaves.find((leaf) => pattern.test(leaf.element.name))?.path
  return { code: named(/^code$/i), value: named(/^value$/i), importance: named(/^importance$/i) }
}

function candidateScore(node: SchemaTree): number {
  return Object.values(attributePatterns).filter((pattern) => findChild(node, pattern)).length
}

function* structs(node: SchemaTree): Generator<SchemaTree> {
  for (const child of node.children) {
    if (!isLeaf(child)) {
      yield child
      yield* structs(child)
    }
  }
}

/**
 * Finds the score struct in a schema tree (`parquetSchema(metadata)`), or undefined when none is recognisable;
 * then the UI lets a person pick the score column (see `scoreFieldsFromLeaf`).
 */
export function locateScoreFields(root: SchemaTree): ScoreFields | undefined {
  let best: { node: SchemaTree; rank: number } | undefined
  for (const node of structs(root)) {
    const score = findChild(node, attributePatterns.score)
    if (!score || !isNumericLeaf(score)) continue
    const rank = candidateScore(node)
    if (!best || rank > best.rank) best = { node, rank }
  }
  if (!best) return undefined
  return describe(best.node)
}

function describe(node: SchemaTree): ScoreFields {
  const score = findChild(node, attributePatterns.score)
  return {
    base: node.path,
    instanceKey: node.element.name,
    score: score?.path ?? [],
    probability: leafPath(findChild(node, attributePatterns.probability)),
    percentile: leafPath(findChild(node, attributePatterns.percentile)),
    propensityType: leafPath(findChild(node, attributePatterns.propensityType)),
    scoreDate: leafPath(findChild(node, attributePatterns.scoreDate)),
    factors: factorLeaves(findChild(node, attributePatterns.factors)),
  }
}

/** Every numeric leaf: what a person may pick as the score when the schema is not recognisable. */
export function numericLeaves(root: SchemaTree): LeafPath[] {
  return leavesOf(root)
    .filter(isNumericLeaf)
    .map((leaf) => leaf.path)
}

/** Score fields for a leaf a person picked: its siblings are read with the same rules. */
export function scoreFieldsFromLeaf(root: SchemaTree, leaf: LeafPath): ScoreFields | undefined {
  let node: SchemaTree | undefined = root
  for (const name of leaf.slice(0, -1)) node = node?.children.find((child) => child.element.name === name)
  const picked = node?.children.find((child) => child.element.name === leaf.at(-1))
  if (!node || !picked || !isNumericLeaf(picked)) return undefined
  return { ...describe(node), score: picked.path }
}
