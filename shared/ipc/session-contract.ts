import { z } from 'zod';
import { call } from './define';

export const sessionSchema = z.object({
  user: z.string(),
  roles: z.array(z.string()),
  purposes: z.array(z.string()),
  pii_access: z.boolean(),
  offline: z.boolean(),
  meshUrl: z.string().nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

/** Who is signed in, on which mesh: the header shows it and screens gate PII and approvals on it. */
export const sessionContract = {
  me: call('The signed-in user on the active mesh (last known when offline)', z.object({}).strict(), sessionSchema),
};
