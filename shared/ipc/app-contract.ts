import { z } from 'zod';
import { call } from './define';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  platform: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appContract = {
  info: call('Which app, version and host this is', z.object({}).strict(), appInfoSchema),
  openExternal: call(
    'Open an http(s) link in the system browser after a safety check',
    z.object({ url: z.string().max(2048) }).strict(),
    z.object({ opened: z.boolean() }),
  ),
};
