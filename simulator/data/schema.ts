// The parquet schema of Customer AI score files, laid out the way Spark writes it (aep-api.md §3.4): every field
// nullable, maps as `MAP { repeated key_value { key, value } }`, lists in the 3-level `LIST { repeated list {
// element } }` form. Spark also stores its own schema as JSON in the footer; we copy that too.
import type { KeyValue, SchemaElement } from 'hyparquet-writer'

const str = (name: string): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  repetition_type: 'OPTIONAL',
  converted_type: 'UTF8',
  logical_type: { type: 'STRING' },
})
const dbl = (name: string): SchemaElement => ({ name, type: 'DOUBLE', repetition_type: 'OPTIONAL' })
const group = (name: string, children: number): SchemaElement => ({
  name,
  repetition_type: 'OPTIONAL',
  num_children: children,
})

function identityMapSchema(): SchemaElement[] {
  return [
    { name: 'identityMap', repetition_type: 'OPTIONAL', converted_type: 'MAP', logical_type: { type: 'MAP' }, num_children: 1 },
    { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
    { ...str('key'), repetition_type: 'REQUIRED' },
    { name: 'value', repetition_type: 'OPTIONAL', converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    group('element', 3),
    str('id'),
    str('authenticatedState'),
    { name: 'primary', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
  ]
}

function tenantSchema(tenant: string, instanceKey: string): SchemaElement[] {
  return [
    group(tenant, 1),
    group('CustomerAI', 1),
    group(instanceKey, 7),
    dbl('score'),
    dbl('probability'),
    { name: 'percentileScore', type: 'INT32', repetition_type: 'OPTIONAL' },
    str('propensityType'),
    {
      name: 'scoreDate',
      type: 'INT64',
      repetition_type: 'OPTIONAL',
      converted_type: 'TIMESTAMP_MILLIS',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
    },
    { name: 'influentialFactors', repetition_type: 'OPTIONAL', converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    group('element', 3),
    str('code'),
    str('value'),
    str('importance'),
    str('modelId'),
  ]
}

function systemMetadataSchema(): SchemaElement[] {
  return [
    group('_acp_system_metadata', 7),
    str('acp_sourceBatchId'),
    str('commitBatchId'),
    str('trackingId'),
    str('rowId'),
    { name: 'rowVersion', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 'ingestTime', type: 'INT64', repetition_type: 'OPTIONAL' },
    { name: 'isDeleted', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
  ]
}

/** The score file written into a Customer AI output dataset. */
export function scoreFileSchema(tenant: string, instanceKey: string): SchemaElement[] {
  return [
    { name: 'spark_schema', num_children: 3 },
    ...identityMapSchema(),
    ...tenantSchema(tenant, instanceKey),
    ...systemMetadataSchema(),
  ]
}

/** An exported union-profile row: identities and the instance's scores, without data-lake system columns. */
export function exportFileSchema(tenant: string, instanceKey: string): SchemaElement[] {
  return [{ name: 'spark_schema', num_children: 2 }, ...identityMapSchema(), ...tenantSchema(tenant, instanceKey)]
}

// Spark's own JSON rendering of the schema, stored under `org.apache.spark.sql.parquet.row.metadata`.
type SparkType = string | { type: 'struct'; fields: SparkField[] } | SparkArray | SparkMap
interface SparkField {
  name: string
  type: SparkType
  nullable: true
  metadata: Record<string, never>
}
interface SparkArray {
  type: 'array'
  elementType: SparkType
  containsNull: true
}
interface SparkMap {
  type: 'map'
  keyType: 'string'
  valueType: SparkType
  valueContainsNull: true
}

const field = (name: string, type: SparkType): SparkField => ({ name, type, nullable: true, metadata: {} })
const struct = (fields: SparkField[]): SparkType => ({ type: 'struct', fields })
const array = (elementType: SparkType): SparkArray => ({ type: 'array', elementType, containsNull: true })

function sparkFields(tenant: string, instanceKey: string, withSystem: boolean): SparkField[] {
  const identity = struct([field('id', 'string'), field('authenticatedState', 'string'), field('primary', 'boolean')])
  const factors = array(struct([field('code', 'string'), field('value', 'string'), field('importance', 'string')]))
  const scores = struct([
    field('score', 'double'),
    field('probability', 'double'),
    field('percentileScore', 'integer'),
    field('propensityType', 'string'),
    field('scoreDate', 'timestamp'),
    field('influentialFactors', factors),
    field('modelId', 'string'),
  ])
  const fields = [
    field('identityMap', { type: 'map', keyType: 'string', valueType: array(identity), valueContainsNull: true }),
    field(tenant, struct([field('CustomerAI', struct([field(instanceKey, scores)]))])),
  ]
  if (withSystem) {
    fields.push(
      field(
        '_acp_system_metadata',
        struct([
          field('acp_sourceBatchId', 'string'),
          field('commitBatchId', 'string'),
          field('trackingId', 'string'),
          field('rowId', 'string'),
          field('rowVersion', 'long'),
          field('ingestTime', 'long'),
          field('isDeleted', 'boolean'),
        ]),
      ),
    )
  }
  return fields
}

export const CREATED_BY = 'parquet-mr version 1.12.3 (build f8dced182c4c1fbdec6ccb3185537b5a01e6ed6b)'

export function sparkKeyValueMetadata(tenant: string, instanceKey: string, withSystem: boolean): KeyValue[] {
  return [
    { key: 'org.apache.spark.version', value: '3.3.2' },
    {
      key: 'org.apache.spark.sql.parquet.row.metadata',
      value: JSON.stringify({ type: 'struct', fields: sparkFields(tenant, instanceKey, withSystem) }),
    },
  ]
}
