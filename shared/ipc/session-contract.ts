import { call } from './define';

/** The session domain of the IPC contract. */
export const sessionContract = {} satisfies Record<string, ReturnType<typeof call>>;
