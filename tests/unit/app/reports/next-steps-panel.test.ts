// What the Next steps panel prints besides the steps: short source references and the guidance links.
import { describe, expect, it } from 'vitest';
import { guidanceLinks, shortSource } from '../../../../src/app/reports/NextStepsPanel.tsx';
import { INCIDENT_TYPES } from '../../../../src/domain/report-options.ts';
import { BUNDLED_PACK } from '../../../../src/guidance/pack.ts';

describe('shortSource', () => {
  it.each([
    [{ document: 'camden', section: '5.3' }, 'Camden 5.3'],
    [{ document: 'kent-medway', section: '4' }, 'Kent and Medway FAQ 4'],
    [{ document: 'kent-medway', section: '2 Q9' }, 'Kent and Medway FAQ 2 Q9'],
    [{ document: 'camden', section: 'Appendix 1' }, 'Camden Appendix 1'],
  ] as const)('%j prints as %s', (source, expected) => {
    expect(shortSource(source)).toBe(expected);
  });
});

describe('guidanceLinks', () => {
  const articleIds = new Set(BUNDLED_PACK.articles.map((a) => a.id));

  it('links every incident type but "other" to an article that exists in the pack', () => {
    for (const type of INCIDENT_TYPES) {
      const links = guidanceLinks({ incidentTypes: [type.id] });
      if (type.id === 'other') {
        expect(links).toEqual([]);
        continue;
      }
      expect(links, type.id).toHaveLength(1);
      expect(articleIds.has(links[0]?.articleId ?? ''), type.id).toBe(true);
    }
  });

  it('lists an article once even when several ticked types lead to it, in form order', () => {
    const all = guidanceLinks({ incidentTypes: INCIDENT_TYPES.map((t) => t.id) });
    const ids = all.map((l) => l.articleId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(all[0]?.type).toBe('Online bullying');
  });

  it('gives nothing when no type is ticked', () => {
    expect(guidanceLinks({ incidentTypes: [] })).toEqual([]);
  });
});
