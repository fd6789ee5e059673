// The inbox area of the officer's screens: fetches the envelopes, opens them all in this browser (first screenful
// first) and keeps the result in memory while the inbox is shown; the list and one report draw from it. Dropped
// when the officer leaves the inbox or the session ends; nothing is stored.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { InboxItem, Review } from '../../domain/sealed-protocol.ts';
import type { OfficerApi } from '../officer-api.ts';
import { officerSentence } from '../officer-errors.ts';
import { officerHref } from '../officer-route.ts';
import type { OfficerSession } from '../session-keeper.ts';
import { InboxList } from './InboxList.tsx';
import { createInboxApi } from './inbox-api.ts';
import { type Content, type InboxEntry, sortInbox } from './inbox-model.ts';
import { openAll } from './open-reports.ts';
import { ReportView } from './ReportView.tsx';
import './inbox.css';

const PENDING: Content = { state: 'pending' };

export const InboxArea = ({
  api,
  session,
  reportId,
  onFailure,
}: {
  api: OfficerApi;
  session: OfficerSession;
  reportId: string | null;
  onFailure: (error: unknown) => boolean;
}) => {
  const inboxApi = useMemo(() => createInboxApi(api, session.token), [api, session.token]);
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [contents, setContents] = useState<readonly (Content | undefined)[]>([]);
  const [opened, setOpened] = useState(0);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [erasedIds, setErasedIds] = useState<ReadonlySet<string>>(new Set());

  const fail = (e: unknown) => {
    if (!onFailure(e)) setError(officerSentence(e));
  };

  useEffect(() => {
    const abort = new AbortController();
    void (async () => {
      let list: InboxItem[];
      try {
        list = sortInbox((await inboxApi.list()).map((item) => ({ item }))).map((e) => e.item);
      } catch (e) {
        if (!abort.signal.aborted) fail(e);
        return;
      }
      if (abort.signal.aborted) return;
      setItems(list);
      const keys = session.orgKeys;
      if (!keys) return;
      await openAll(keys, list, {
        signal: abort.signal,
        onProgress: (next, done) => {
          setContents(next);
          setOpened(done);
        },
      });
    })();
    return () => abort.abort();
  }, [inboxApi, session.orgKeys]);

  const entries = useMemo<InboxEntry[]>(
    () =>
      (items ?? [])
        .map((item, i) => ({ item, content: contents[i] ?? PENDING }))
        .filter((entry) => !erasedIds.has(entry.item.id)),
    [items, contents, erasedIds],
  );

  /** A report marked reviewed on its own screen shows so in the list too, without fetching the inbox again. */
  const reviewed = (id: string, review: Review) =>
    setItems((list) => list?.map((item) => (item.id === id ? { ...item, ...review } : item)) ?? list);

  /** An erased report leaves the list at once (contents keep their places: opening may still be going on). */
  const erased = (id: string) => {
    setErasedIds((ids) => new Set([...ids, id]));
    setNotice('The report was erased from the server.');
    window.location.hash = officerHref('inbox');
  };

  if (reportId !== null) {
    return (
      <ReportView
        inboxApi={inboxApi}
        keys={session.orgKeys}
        reportId={reportId}
        onReviewed={(review) => reviewed(reportId, review)}
        onErased={() => erased(reportId)}
        onFailure={onFailure}
      />
    );
  }
  return (
    <>
      {notice && (
        <p class="card" role="status">
          {notice}
        </p>
      )}
      <InboxList
        entries={items === null ? null : entries}
        opened={opened}
        canOpen={session.orgKeys !== null}
        error={error}
        inboxApi={inboxApi}
        onFailure={onFailure}
      />
    </>
  );
};
