// The load-and-reload pattern every officer list screen shares (devices, officers): what the server answered, the plain
// sentence of a failure the app did not handle itself, and a focus moved to a one-time link once it is shown.
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { officerSentence } from './officer-errors.ts';
import type { SignedInScreenProps } from './session-keeper.ts';

export type LoadedList<T> = {
  /** Null until the first answer. */
  data: T | null;
  /** The plain sentence of the last failed load; empty when the last load worked. */
  listError: string;
  reload: () => Promise<void>;
  /** Hands a failure to the app (an ended session) or, when the app did not take it, shows its sentence. */
  fail: (error: unknown, show: (sentence: string) => void) => void;
};

export const useLoadedList = <T>(
  { session, onFailure }: Pick<SignedInScreenProps, 'session' | 'onFailure'>,
  load: (token: string) => Promise<T>,
): LoadedList<T> => {
  const [data, setData] = useState<T | null>(null);
  const [listError, setListError] = useState('');

  const fail = (error: unknown, show: (sentence: string) => void) => {
    if (!onFailure(error)) show(officerSentence(error));
  };

  const reload = async () => {
    try {
      setData(await load(session.token));
      setListError('');
    } catch (e) {
      fail(e, setListError);
    }
  };

  useEffect(() => {
    void reload();
  }, [session.token]);

  return { data, listError, reload, fail };
};

/** Moves focus to the box holding a one-time link as soon as it is shown, so a screen reader reads it next. */
export const useFocusWhenShown = (box: RefObject<HTMLElement | null>, shown: unknown): void => {
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [shown]);
};
