import { call } from './define';

/** The audiences domain of the IPC contract. */
export const audiencesContract = {} satisfies Record<string, ReturnType<typeof call>>;
