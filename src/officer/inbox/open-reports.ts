// Opens sealed reports in the officer's browser: decrypt with the organisation's private keys, read the JSON and
// check it with the report schema. Many at once, a few at a time, telling the screen as results come in so the
// first screenful shows before the last report is open. Keeps nothing: results go to the caller.
import { SubmittedReportSchema } from '../../domain/report-schema.ts';
import { searchableText } from '../../domain/report-search.ts';
import { reportSummary } from '../../domain/report-summary.ts';
import type { InboxEnvelope } from '../../domain/sealed-protocol.ts';
import { type OrgPrivateKeys, openReport } from '../../vault/org.ts';
import type { Content } from './inbox-model.ts';

/**
 * Decryptions in flight at once: enough to keep WebCrypto's threads busy while the page does the JSON, schema and
 * search text of the last ones (8 left the main thread idle between HPKE steps), few enough to stay responsive.
 */
export const OPEN_CONCURRENCY = 16;
/** The first screenful is shown as soon as this many reports are open. */
export const FIRST_SCREENFUL = 20;
/** After the first screenful, the screen hears about progress at most this often. */
export const PUBLISH_EVERY_MS = 250;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** One envelope's content; never throws (a failure is a state the screen explains). */
export const openEnvelope = async (keys: OrgPrivateKeys, envelope: InboxEnvelope): Promise<Content> => {
  let bytes: Uint8Array;
  try {
    const { id, revision, schemaVersion } = envelope;
    bytes = await openReport(keys, { id, revision, schemaVersion }, envelope);
  } catch {
    return { state: 'unopenable' };
  }
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    return { state: 'unreadable' };
  }
  const parsed = SubmittedReportSchema.safeParse(value);
  if (!parsed.success) return { state: 'unreadable' };
  const report = parsed.data;
  return { state: 'opened', report, summary: reportSummary(report), folded: searchableText(report) };
};

export type OpenAllOptions = {
  /** Called with every content so far (index as in `envelopes`, undefined while pending) and how many are done. */
  onProgress: (contents: readonly (Content | undefined)[], done: number) => void;
  signal?: AbortSignal;
  concurrency?: number;
  now?: () => number;
};

/** Opens every envelope, in the given order first to last, OPEN_CONCURRENCY at a time. */
export const openAll = async (
  keys: OrgPrivateKeys,
  envelopes: readonly InboxEnvelope[],
  { onProgress, signal, concurrency = OPEN_CONCURRENCY, now = () => performance.now() }: OpenAllOptions,
): Promise<void> => {
  const contents: (Content | undefined)[] = new Array(envelopes.length).fill(undefined);
  let next = 0;
  let done = 0;
  let firstShown = false;
  let lastPublished = now();
  const publish = () => {
    lastPublished = now();
    onProgress(contents.slice(), done);
  };
  const worker = async () => {
    while (next < envelopes.length && !signal?.aborted) {
      const index = next++;
      contents[index] = await openEnvelope(keys, envelopes[index] as InboxEnvelope);
      done++;
      if (signal?.aborted) return;
      if (!firstShown && done >= Math.min(FIRST_SCREENFUL, envelopes.length)) {
        firstShown = true;
        publish();
      } else if (firstShown && now() - lastPublished >= PUBLISH_EVERY_MS && done < envelopes.length) {
        publish();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, envelopes.length) }, worker));
  if (!signal?.aborted) publish();
};
