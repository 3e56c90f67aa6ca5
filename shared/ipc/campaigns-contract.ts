import { call } from './define';

/** The campaigns domain of the IPC contract. */
export const campaignsContract = {} satisfies Record<string, ReturnType<typeof call>>;
