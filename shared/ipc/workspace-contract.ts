import { z } from 'zod';
import type { AnalysisSpecInput } from '../specs/index';
import type { DashboardView } from './campaigns-contract';
import { call } from './define';

/**
 * What a saved item holds: an analysis spec (attribution, segment, experiment; checked with
 * parseSpec when it is opened) or the dashboard's view (checked with dashboardViewSchema).
 */
export type SavedSpec = AnalysisSpecInput | DashboardView;
const savedSpec = z.custom<SavedSpec>();

/** Where the user was, so the app reopens there (kept by main, not localStorage). */
export const uiStateSchema = z.object({
  route: z.string().max(200).default('catalog'),
  theme: z.enum(['light', 'dark']).default('light'),
});
export type UiState = z.infer<typeof uiStateSchema>;

export const savedItemKindSchema = z.enum(['attribution', 'segment', 'experiment', 'dashboard_view', 'geo_experiment', 'calibrated_attribution', 'budget']);
export type SavedItemKind = z.infer<typeof savedItemKindSchema>;

/** A saved analysis is its spec (SPEC.md section 2); versions keep earlier specs. */
export const savedItemSchema = z.object({
  id: z.string(),
  kind: savedItemKindSchema,
  name: z.string(),
  spec: savedSpec,
  version: z.number().int().positive(),
  updatedAt: z.string(),
  history: z.array(z.object({ version: z.number().int(), spec: savedSpec, savedAt: z.string() })).default([]),
});
export type SavedItem = z.infer<typeof savedItemSchema>;

const nameSchema = z.string().trim().min(1, 'Give it a name').max(120, 'Keep the name under 120 characters');

export const workspaceContract = {
  getUiState: call('The saved UI state', z.object({}).strict(), uiStateSchema),
  // Written out without defaults: zod would otherwise fill absent keys and overwrite them.
  setUiState: call(
    'Save part of the UI state',
    z.object({ route: z.string().max(200).optional(), theme: z.enum(['light', 'dark']).optional() }).strict(),
    uiStateSchema,
  ),
  listSaved: call(
    'Saved analyses, segments and views',
    z.object({ kind: savedItemKindSchema.optional() }).strict(),
    z.object({ items: z.array(savedItemSchema) }),
  ),
  save: call(
    'Create or update a saved item (a new version when the spec changed)',
    z.object({ id: z.string().max(64).optional(), kind: savedItemKindSchema, name: nameSchema, spec: savedSpec }).strict(),
    savedItemSchema,
  ),
  rename: call('Rename a saved item', z.object({ id: z.string().max(64), name: nameSchema }).strict(), savedItemSchema),
  duplicate: call('Copy a saved item under a new name', z.object({ id: z.string().max(64), name: nameSchema }).strict(), savedItemSchema),
  remove: call('Delete a saved item', z.object({ id: z.string().max(64) }).strict(), z.object({ removed: z.boolean() })),
};
