import { z } from 'zod';
import { call } from './define';

const profileView = z.object({ id: z.string(), name: z.string(), endpoint: z.string(), expirationTime: z.string().nullable(), expired: z.boolean() });

const catalogEntry = z.object({
  table: z.string(),
  share: z.string(),
  schema: z.string(),
  name: z.string(),
  version: z.number(),
  description: z.string().nullable(),
  partitionColumns: z.array(z.string()),
  columns: z.array(z.object({ name: z.string(), type: z.string(), nullable: z.boolean() })),
  contract: z.null(),
  contractNote: z.string(),
  fitsCoreProducts: z.array(z.string()),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-06-30');

/** Delta Sharing profiles as a second kind of connection: their tables are products without an ODCS contract. */
export const sharingContract = {
  listProfiles: call(
    'The Delta Sharing profiles of this workspace (tokens never leave main)',
    z.object({}).strict(),
    z.object({ profiles: z.array(profileView) }),
  ),
  addProfile: call(
    'Adds a Delta Sharing profile from the content of its profile file',
    z.object({ name: z.string().trim().min(1).max(100), profile: z.string().min(1).max(20_000) }).strict(),
    z.object({ profile: profileView }),
  ),
  removeProfile: call('Removes a Delta Sharing profile', z.object({ id: z.string().min(1).max(100) }).strict(), z.object({ removed: z.boolean() })),
  catalog: call(
    'The tables a profile shares, with their columns and no ODCS contract',
    z.object({ id: z.string().min(1).max(100) }).strict(),
    z.object({ tables: z.array(catalogEntry) }),
  ),
  pull: call(
    'Pulls a shared table into the workbench (as a core product when `as` names one); returns the job',
    z
      .object({
        id: z.string().min(1).max(100),
        table: z.string().regex(/^[^.\s/]+\.[^.\s/]+\.[^.\s/]+$/, 'must be share.schema.table'),
        as: z
          .string()
          .regex(/^[A-Za-z0-9_]{1,64}$/)
          .optional(),
        columns: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().min(1).max(200)).optional(),
        from: day.optional(),
        to: day.optional(),
      })
      .strict()
      .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
        message: 'the start date must be on or before the end date',
        path: ['to'],
      }),
    z.object({ jobId: z.string() }),
  ),
};
