// Opening sealed reports in the officer's browser with the real HPKE: a good one opens and is checked by the
// report schema; a changed byte, a moved envelope, a key the organisation lacks and a non-report each get their
// state; many open with progress, the first screenful before the rest.
import { describe, expect, it } from 'vitest';
import type { Content } from '../../../../src/officer/inbox/inbox-model.ts';
import { openAll, openEnvelope } from '../../../../src/officer/inbox/open-reports.ts';
import { buildOrganisation, flipFirstByte, sealedItem, submitted } from '../../fixtures.ts';

describe('openEnvelope', async () => {
  const org = await buildOrganisation();
  const other = await buildOrganisation('Another Service');

  it('opens a report sealed to the organisation and gives its summary and search text', async () => {
    const report = submitted({ description: 'The child said a stranger sent a photo', incidentTypes: ['grooming'] });
    const content = await openEnvelope(org.privateKeys, await sealedItem(org, report));
    expect(content.state).toBe('opened');
    if (content.state !== 'opened') return;
    expect(content.report).toEqual(report);
    expect(content.summary.title).toBe('Online grooming');
    expect(content.folded).toContain('stranger sent a photo');
  });

  it.each<[string, (item: Awaited<ReturnType<typeof sealedItem>>) => Awaited<ReturnType<typeof sealedItem>>]>([
    ['a changed byte', (item) => ({ ...item, ciphertext: flipFirstByte(item.ciphertext) })],
    ['another report id (a moved envelope)', (item) => ({ ...item, id: crypto.randomUUID() })],
    ['another revision', (item) => ({ ...item, revision: item.revision + 1 })],
  ])('calls %s unopenable', async (_name, change) => {
    const item = change(await sealedItem(org, submitted()));
    expect(await openEnvelope(org.privateKeys, item)).toEqual({ state: 'unopenable' });
  });

  it('calls a report sealed to a key this organisation does not hold unopenable', async () => {
    const item = await sealedItem(other, submitted());
    expect(await openEnvelope(org.privateKeys, item)).toEqual({ state: 'unopenable' });
  });

  it.each([
    ['not JSON', 'not json at all'],
    ['JSON that is not a report', { hello: 'world' }],
    ['a report missing its description', { ...submitted(), description: '' }],
  ])('calls %s unreadable', async (_name, body) => {
    expect(await openEnvelope(org.privateKeys, await sealedItem(org, body))).toEqual({ state: 'unreadable' });
  });
});

describe('openAll', async () => {
  const org = await buildOrganisation();

  it('opens every envelope, keeps each result at its index, and tells progress with the first screenful early', async () => {
    const items = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        sealedItem(org, i === 7 ? 'broken' : submitted({ description: `Report number ${i}` })),
      ),
    );
    const calls: { done: number; filled: number }[] = [];
    let last: readonly (Content | undefined)[] = [];
    await openAll(org.privateKeys, items, {
      onProgress: (contents, done) => {
        calls.push({ done, filled: contents.filter(Boolean).length });
        last = contents;
      },
    });
    expect(calls[0]?.done).toBe(20);
    expect(calls.at(-1)).toEqual({ done: 45, filled: 45 });
    expect(last[7]).toEqual({ state: 'unreadable' });
    for (const [i, content] of last.entries()) {
      if (i === 7) continue;
      expect(content?.state === 'opened' && content.report.description).toBe(`Report number ${i}`);
    }
  });

  it('stops and tells nothing more once aborted', async () => {
    const items = await Promise.all(Array.from({ length: 30 }, () => sealedItem(org, submitted())));
    const abort = new AbortController();
    abort.abort();
    let calls = 0;
    await openAll(org.privateKeys, items, { signal: abort.signal, onProgress: () => calls++ });
    expect(calls).toBe(0);
  });
});
