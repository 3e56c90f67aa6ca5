import { call } from './define';

/** The jobs domain of the IPC contract. */
export const jobsContract = {} satisfies Record<string, ReturnType<typeof call>>;
