import { z } from 'zod';

/**
 * The required fields of an OpenLineage 2-0-2 RunEvent and of the facets Meshwork writes, as the
 * spec states them (https://openlineage.io/spec/2-0-2/OpenLineage.json: BaseEvent requires
 * eventTime, producer, schemaURL; RunEvent run and job; Run runId (format uuid); Job and Dataset
 * namespace and name; every facet _producer and _schemaURL (BaseFacet); DatasetVersionDatasetFacet
 * datasetVersion; SchemaDatasetFacet fields[].name; DataQualityAssertionsDatasetFacet assertions[]
 * with assertion and success). Test-only: a stand-in for a JSON Schema validator.
 */
const uri = z.string().regex(/^[a-z][a-z0-9+.-]*:\/\/\S+$/i, 'is not a URI');
// RFC 9562 UUID: 8-4-4-4-12 hex, version 1-8, variant 10xx.
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'is not a UUID');
const dateTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), 'is not an RFC 3339 date-time');
const baseFacet = z.looseObject({ _producer: uri, _schemaURL: uri });

const dataset = z.looseObject({
  namespace: z.string().min(1),
  name: z.string().min(1),
  facets: z
    .looseObject({
      version: baseFacet.extend({ datasetVersion: z.string() }).optional(),
      schema: baseFacet
        .extend({ fields: z.array(z.looseObject({ name: z.string().min(1), type: z.string().optional(), description: z.string().optional() })) })
        .optional(),
    })
    .catchall(baseFacet)
    .optional(),
  inputFacets: z
    .looseObject({
      dataQualityAssertions: baseFacet
        .extend({ assertions: z.array(z.looseObject({ assertion: z.string().min(1), success: z.boolean(), column: z.string().optional() })) })
        .optional(),
    })
    .catchall(baseFacet)
    .optional(),
});

export const runEventSpecSchema = z.looseObject({
  eventType: z.enum(['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER']).optional(),
  eventTime: dateTime,
  producer: uri,
  schemaURL: uri,
  run: z.looseObject({ runId: uuid, facets: z.record(z.string(), baseFacet).optional() }),
  job: z.looseObject({ namespace: z.string().min(1), name: z.string().min(1), facets: z.record(z.string(), baseFacet).optional() }),
  inputs: z.array(dataset).optional(),
  outputs: z.array(dataset).optional(),
});
