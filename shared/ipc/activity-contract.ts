import { call } from './define';

/** The activity domain of the IPC contract. */
export const activityContract = {} satisfies Record<string, ReturnType<typeof call>>;
