// Turns whatever IndexedDB or Dexie throws into the app's expected failures: a full disk becomes
// AppError('quota-exceeded'), anything else AppError('storage-unavailable'). Never swallows an AppError.
import { AppError } from '../domain/errors.ts';

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const MAX_DEPTH = 5;

/** True when `error`, or an error it wraps (Dexie's `inner`, `cause`, a bulk write's `failures`), is a quota error. */
export const isQuotaError = (error: unknown, depth = 0): boolean => {
  if (depth > MAX_DEPTH || error === null || typeof error !== 'object') return false;
  const e = error as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (typeof e.name === 'string' && QUOTA_NAMES.has(e.name)) return true;
  // Legacy DOMException code 22 (QUOTA_EXCEEDED_ERR) in older WebKit.
  if (e.code === 22 && typeof e.name === 'string' && e.name.includes('Quota')) return true;
  const failures = Array.isArray(e.failures)
    ? e.failures
    : e.failures && typeof e.failures === 'object'
      ? Object.values(e.failures)
      : [];
  return [e.inner, e.cause, ...failures].some((nested) => isQuotaError(nested, depth + 1));
};

/** The AppError for a storage failure; an AppError passes through unchanged (e.g. 'locked' thrown inside a transaction). */
export const toStorageError = (error: unknown): AppError => {
  if (error instanceof AppError) return error;
  if (isQuotaError(error)) return new AppError('quota-exceeded', undefined, { cause: error });
  return new AppError('storage-unavailable', undefined, { cause: error });
};

/** Runs one storage operation, mapping its failure with `toStorageError`. */
export const withStorageErrors = async <T>(operation: () => Promise<T>): Promise<T> => {
  try {
    return await operation();
  } catch (error) {
    throw toStorageError(error);
  }
};
