/** Timestamps are parsed where specs are (shared/specs/timestamps.ts); analysis code imports them from here or there. */
export { toUtcTimestamp } from '../../specs/timestamps';
