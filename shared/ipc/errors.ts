/** The IPC contract's error model is the app's one model (shared/errors.ts). */
export { AppError, appErrorSchema, describeZodError, formatPath, isErrorCode, toAppError, type AppErrorBody, type ErrorCode } from '../errors';
