// The inbox order (immediate, then soon, then routine; newest first within each) and the in-memory search.
import { describe, expect, it } from 'vitest';
import { compareInbox, type InboxEntry, searchInbox, sortInbox } from '../../../../src/officer/inbox/inbox-model.ts';
import { inboxItem, openedEntry } from '../../fixtures.ts';

describe('sortInbox', () => {
  it('puts immediate, then soon reports on top, each newest received first, then routine newest first', () => {
    const at = (hour: number) => `2026-11-01T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const rows = [
      { name: 'routine old', item: inboxItem({ urgency: 'routine', receivedAt: at(8) }) },
      { name: 'soon new', item: inboxItem({ urgency: 'soon', receivedAt: at(12) }) },
      { name: 'routine new', item: inboxItem({ urgency: 'routine', receivedAt: at(13) }) },
      { name: 'immediate old', item: inboxItem({ urgency: 'immediate', receivedAt: at(7) }) },
      { name: 'soon old', item: inboxItem({ urgency: 'soon', receivedAt: at(9) }) },
      { name: 'immediate new', item: inboxItem({ urgency: 'immediate', receivedAt: at(10) }) },
    ];
    expect(sortInbox(rows).map((r) => r.name)).toEqual([
      'immediate new',
      'immediate old',
      'soon new',
      'soon old',
      'routine new',
      'routine old',
    ]);
  });

  it('compares times, not text, so an offset other than Z still sorts by the instant', () => {
    const earlier = inboxItem({ receivedAt: '2026-11-01T10:30:00.000+01:00' }); // 09:30Z
    const later = inboxItem({ receivedAt: '2026-11-01T09:45:00.000Z' });
    expect(compareInbox(later, earlier)).toBeLessThan(0);
  });

  it('gives the same order whatever order the rows came in (ties broken by id)', () => {
    const same = { urgency: 'soon' as const, receivedAt: '2026-11-01T10:00:00.000Z' };
    const rows = [inboxItem(same), inboxItem(same), inboxItem(same)].map((item) => ({ item }));
    expect(sortInbox(rows)).toEqual(sortInbox([...rows].reverse()));
  });
});

describe('searchInbox', () => {
  const bullying = openedEntry({ description: 'Group chat at the Café called her names', reporterName: 'Sam Worker' });
  const grooming = openedEntry({
    incidentTypes: ['grooming', 'other'],
    incidentTypeOther: 'Threats in a game',
    description: 'An adult asked to meet',
  });
  const failed: InboxEntry = { item: inboxItem(), content: { state: 'unopenable' } };
  const pending: InboxEntry = { item: inboxItem(), content: { state: 'pending' } };
  const entries: InboxEntry[] = [bullying, grooming, failed, pending];

  it.each([
    ['', [bullying, grooming, failed, pending]],
    ['   ', [bullying, grooming, failed, pending]],
    ['cafe', [bullying]],
    ['CAFÉ names', [bullying]],
    ['threats game', [grooming]],
    ['online grooming', [grooming]],
    ['sam', [bullying, grooming]],
    ['names meet', []],
  ])('%j lists the matching opened reports in inbox order', (query, expected) => {
    expect(searchInbox(entries, query)).toEqual(expected);
  });
});
