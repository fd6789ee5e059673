// The quick reference for a case meeting: when to refer, what to report to whom, the urgent numbers. One phone
// screen in large type, no scrolling; readable while locked and offline, like all guidance.

import type { GuidancePack } from '../../domain/guidance.ts';
import {
  QUICK_REFERENCE_SOURCES,
  QUICK_REFERRAL_CRITERIA,
  QUICK_REPORTING,
  quickNumbers,
} from '../../guidance/quick-reference.ts';
import { Abbreviated, AbbrScope, abbreviationsIn } from '../../ui/abbr.tsx';
import { useFocusOnOpen } from './GuidanceParts.tsx';
import { contactLink } from './guidance-format.ts';
import { browseHref } from './guidance-route.ts';

const sourcesLine = (): string => {
  const camden = QUICK_REFERENCE_SOURCES.filter((s) => s.document === 'camden').map((s) => s.section);
  const kent = QUICK_REFERENCE_SOURCES.filter((s) => s.document === 'kent-medway').map((s) => s.section);
  return `Sources: Camden guidance ${camden.join(', ')}; Kent and Medway FAQ ${kent.join(', ')}.`;
};

// The card must fit one 360 x 740 screen for a meeting: its abbreviations are marked up with their words as the
// title (read out by screen readers, shown on hover), not spelled out in brackets, which would push it past one
// screen. Every other screen spells them out.
const KEY = abbreviationsIn([
  'Refer to MASH (e-CAF) on',
  ...QUICK_REFERRAL_CRITERIA.map((line) => line.text),
  ...QUICK_REPORTING.flatMap((line) => [line.what, line.text]),
]);

export const QuickReference = ({ pack }: { pack: GuidancePack }) => {
  const heading = useFocusOnOpen<HTMLHeadingElement>('quick-reference');
  return (
    <AbbrScope explained={KEY}>
      <section class="quick-ref" aria-labelledby="quick-ref-title">
        <div class="quick-ref__top">
          <h1 id="quick-ref-title" tabIndex={-1} ref={heading}>
            Quick reference
          </h1>
          <a href={browseHref()}>All topics</a>
        </div>
        <section aria-labelledby="quick-ref-refer">
          <h2 id="quick-ref-refer">
            <Abbreviated text="Refer to MASH (e-CAF) on" />
          </h2>
          <ul>
            {QUICK_REFERRAL_CRITERIA.map((line) => (
              <li key={line.text}>
                <Abbreviated text={line.text} />
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="quick-ref-report">
          <h2 id="quick-ref-report">Report, and to whom</h2>
          <dl class="quick-ref__report">
            {QUICK_REPORTING.map((line) => (
              <div key={line.what}>
                <dt>
                  <Abbreviated text={line.what} />:
                </dt>{' '}
                <dd>
                  <Abbreviated text={line.text} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="quick-ref-numbers">
          <h2 id="quick-ref-numbers">Urgent numbers</h2>
          <ul class="quick-ref__numbers">
            {quickNumbers(pack).map((n) => {
              const link = n.value
                ? contactLink({ kind: n.kind === 'email' ? 'email' : 'phone', value: n.value })
                : null;
              return (
                <li key={n.label}>
                  <span class="quick-ref__label">
                    <Abbreviated text={n.label} />
                  </span>{' '}
                  {link ? <a href={link.href}>{n.value}</a> : <span class="quick-ref__note">{n.value ?? n.note}</span>}
                </li>
              );
            })}
          </ul>
        </section>
        <p class="quick-ref__sources">
          <Abbreviated text={sourcesLine()} />
        </p>
      </section>
    </AbbrScope>
  );
};
