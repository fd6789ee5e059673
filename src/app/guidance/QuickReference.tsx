// The quick reference for a case meeting: when to refer, what to report to whom, the urgent numbers. One phone
// screen in large type, no scrolling; readable while locked and offline, like all guidance.
import type { GuidancePack } from '../../domain/guidance.ts';
import {
  QUICK_REFERENCE_SOURCES,
  QUICK_REFERRAL_CRITERIA,
  QUICK_REPORTING,
  quickNumbers,
} from '../../guidance/quick-reference.ts';
import { useFocusOnOpen } from './GuidanceParts.tsx';
import { contactLink } from './guidance-format.ts';
import { browseHref } from './guidance-route.ts';

const sourcesLine = (): string => {
  const camden = QUICK_REFERENCE_SOURCES.filter((s) => s.document === 'camden').map((s) => s.section);
  const kent = QUICK_REFERENCE_SOURCES.filter((s) => s.document === 'kent-medway').map((s) => s.section);
  return `Sources: Camden guidance ${camden.join(', ')}; Kent and Medway FAQ ${kent.join(', ')}.`;
};

export const QuickReference = ({ pack }: { pack: GuidancePack }) => {
  const heading = useFocusOnOpen<HTMLHeadingElement>('quick-reference');
  return (
    <section class="quick-ref" aria-labelledby="quick-ref-title">
      <div class="quick-ref__top">
        <h1 id="quick-ref-title" tabIndex={-1} ref={heading}>
          Quick reference
        </h1>
        <a href={browseHref()}>All topics</a>
      </div>
      <section aria-labelledby="quick-ref-refer">
        <h2 id="quick-ref-refer">Refer to MASH (e-CAF) on</h2>
        <ul>
          {QUICK_REFERRAL_CRITERIA.map((line) => (
            <li key={line.text}>{line.text}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="quick-ref-report">
        <h2 id="quick-ref-report">Report, and to whom</h2>
        <dl class="quick-ref__report">
          {QUICK_REPORTING.map((line) => (
            <div key={line.what}>
              <dt>{line.what}:</dt> <dd>{line.text}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="quick-ref-numbers">
        <h2 id="quick-ref-numbers">Urgent numbers</h2>
        <ul class="quick-ref__numbers">
          {quickNumbers(pack).map((n) => {
            const link = n.value ? contactLink({ kind: n.kind === 'email' ? 'email' : 'phone', value: n.value }) : null;
            return (
              <li key={n.label}>
                <span class="quick-ref__label">{n.label}</span>{' '}
                {link ? <a href={link.href}>{n.value}</a> : <span class="quick-ref__note">{n.value ?? n.note}</span>}
              </li>
            );
          })}
        </ul>
      </section>
      <p class="quick-ref__sources">{sourcesLine()}</p>
    </section>
  );
};
