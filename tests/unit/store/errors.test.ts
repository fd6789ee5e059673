import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.ts';
import { isQuotaError, toStorageError, withStorageErrors } from '../../../src/store/errors.ts';

const quotaDom = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('storage error mapping', () => {
  it.each<[string, unknown, 'quota-exceeded' | 'storage-unavailable']>([
    ['a DOMException QuotaExceededError', quotaDom(), 'quota-exceeded'],
    ["Dexie's QuotaExceededError", new Dexie.QuotaExceededError('full'), 'quota-exceeded'],
    ['an AbortError with the quota error inside', new Dexie.AbortError('aborted', quotaDom()), 'quota-exceeded'],
    [
      'a quota error two levels deep',
      new Dexie.DatabaseClosedError(new Dexie.AbortError('aborted', quotaDom())),
      'quota-exceeded',
    ],
    ['a quota error as the cause', new Error('write failed', { cause: quotaDom() }), 'quota-exceeded'],
    [
      'a bulk write with one quota failure',
      new Dexie.BulkError('bulk', [new Error('x'), quotaDom()]),
      'quota-exceeded',
    ],
    ['Firefox legacy quota name', { name: 'NS_ERROR_DOM_QUOTA_REACHED' }, 'quota-exceeded'],
    ['an AbortError alone', new Dexie.AbortError('aborted'), 'storage-unavailable'],
    ['a missing IndexedDB', new Dexie.MissingAPIError('no IndexedDB'), 'storage-unavailable'],
    ['an InvalidStateError', new DOMException('closing', 'InvalidStateError'), 'storage-unavailable'],
    ['a thrown string', 'nope', 'storage-unavailable'],
  ])('maps %s', (_name, error, code) => {
    const mapped = toStorageError(error);
    expect(mapped.code).toBe(code);
    expect(mapped.cause).toBe(error);
  });

  it('passes an AppError through unchanged', () => {
    const locked = new AppError('locked');
    expect(toStorageError(locked)).toBe(locked);
  });

  it('does not loop on an error that wraps itself', () => {
    const e: { name: string; inner?: unknown } = { name: 'Error' };
    e.inner = e;
    expect(isQuotaError(e)).toBe(false);
  });

  it('wraps an operation: results pass, failures are mapped', async () => {
    await expect(withStorageErrors(async () => 7)).resolves.toBe(7);
    await expect(
      withStorageErrors(async () => {
        throw quotaDom();
      }),
    ).rejects.toMatchObject({ code: 'quota-exceeded' });
  });
});
