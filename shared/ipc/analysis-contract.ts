import { call } from './define';

/** The analysis domain of the IPC contract. */
export const analysisContract = {} satisfies Record<string, ReturnType<typeof call>>;
