/** Moved to main/fs/atomic-file.ts (used by main/app and main/mesh alike); kept so branches in flight compile. */
export { writeFileAtomic } from '../fs/atomic-file';
