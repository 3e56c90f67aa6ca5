import { call } from './define';

/** The catalog domain of the IPC contract. */
export const catalogContract = {} satisfies Record<string, ReturnType<typeof call>>;
