import { call } from './define';

/** The connections domain of the IPC contract. */
export const connectionsContract = {} satisfies Record<string, ReturnType<typeof call>>;
