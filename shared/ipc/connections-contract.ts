import { z } from 'zod';
import { call } from './define';

export const connectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  embedded: z.boolean(),
  active: z.boolean(),
  user: z.string().nullable(),
  roles: z.array(z.string()),
  /** Mesh writes (submissions, approvals, activations) still waiting in the outbox for this mesh. */
  queued: z.number().int().min(0).optional(),
});

/** The meshes this workspace knows; tokens never come back to the renderer. */
export const connectionsContract = {
  list: call('Configured meshes', z.object({}).strict(), z.object({ connections: z.array(connectionSchema), tokenStorage: z.string() })),
  add: call(
    'Add a mesh by URL and token (checked with GET /v1/me when reachable)',
    z
      .object({
        name: z.string().trim().min(1, 'Give the mesh a name').max(80),
        url: z
          .string()
          .trim()
          .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL such as https://mesh.example.com'),
        token: z.string().trim().min(1, 'Paste your token').max(4096),
        makeActive: z.boolean().default(true),
      })
      .strict(),
    z.object({ connection: connectionSchema, verified: z.boolean() }),
  ),
  remove: call('Remove a mesh', z.object({ id: z.string().max(64) }).strict(), z.object({ removed: z.boolean() })),
  setActive: call('Use this mesh', z.object({ id: z.string().max(64) }).strict(), z.object({ active: z.string() })),
  demoUsers: call(
    "The built-in demo mesh's users, when it is in use",
    z.object({}).strict(),
    z.object({ available: z.boolean(), roles: z.array(z.string()), current: z.string().nullable() }),
  ),
  switchDemoUser: call('Sign in to the demo mesh as another demo user', z.object({ role: z.string().max(40) }).strict(), z.object({ current: z.string() })),
};
