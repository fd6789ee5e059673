// The officer's "Guidance" form: blank groups are left out, filled ones pass the pack's own schema, and each refusal
// names its field in a plain sentence (a query part in an email, letters in a phone number, a name with no number).
import { describe, expect, it } from 'vitest';
import { contactsOf, fieldId, formOf, publicationTime } from '../../../src/officer/guidance/guidance-form.ts';

const blank = () => formOf(undefined);

describe('the guidance contacts form', () => {
  it('turns filled groups into local contacts and leaves blank ones out', () => {
    const form = blank();
    form.lado = { name: ' Riverside LADO ', phone: '020 7974 4556', email: '' };
    form.safeguardingLead = { name: 'Sam Lead', phone: '', email: 'sam.lead@riverside.example' };
    expect(contactsOf(form)).toEqual({
      ok: true,
      contacts: {
        lado: { name: 'Riverside LADO', phone: '020 7974 4556' },
        safeguardingLead: { name: 'Sam Lead', email: 'sam.lead@riverside.example' },
      },
    });
  });

  it('fills the form back from published contacts', () => {
    const contacts = { mash: { name: 'MASH', phone: '020 7974 1553' } };
    const form = formOf(contacts);
    expect(form.mash).toEqual({ name: 'MASH', phone: '020 7974 1553', email: '' });
    expect(form.lado).toEqual({ name: '', phone: '', email: '' });
    expect(contactsOf(form)).toEqual({ ok: true, contacts });
  });

  it.each<[string, { name: string; phone: string; email: string }, string, RegExp]>([
    [
      'a query part in the email',
      { name: 'LADO', phone: '', email: 'lado@example.org?bcc=x@example.net' },
      'email',
      /plain address/,
    ],
    ['a mailto: email', { name: 'LADO', phone: '', email: 'mailto:lado@example.org' }, 'email', /plain address/],
    ['letters in the phone', { name: 'LADO', phone: 'call 020 7974', email: '' }, 'phone', /digits, spaces/],
    ['no phone and no email', { name: 'LADO', phone: '', email: '' }, 'phone', /phone number or an email/],
    ['no name', { name: '', phone: '020 7974 4556', email: '' }, 'name', /name/],
  ])('refuses %s, naming the field', (_case, values, part, sentence) => {
    const form = blank();
    form.lado = values;
    const result = contactsOf(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.field).toBe(fieldId('lado', part as 'name'));
    expect(result.errors[0]?.message).toMatch(sentence);
    expect(result.errors[0]?.message).toMatch(/^Enter/);
  });

  it('stamps a publication now, or a second after the last one when this clock is behind it', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(publicationTime(now, undefined).toISOString()).toBe('2026-11-30T12:00:00.000Z');
    expect(publicationTime(now, '2026-11-01T00:00:00Z').toISOString()).toBe('2026-11-30T12:00:00.000Z');
    expect(publicationTime(now, '2027-01-01T00:00:00Z').toISOString()).toBe('2027-01-01T00:00:01.000Z');
  });
});
