// The "Next steps" panel: what the guidance asks for the boxes ticked so far, grouped by urgency, each with its
// sources (a step that says phone 999 with a Call 999 button), a link to the guidance article for each ticked type
// of incident, and the service's own contacts from the active guidance pack. Reads the draft; changes nothing.
import type { GuidancePack } from '../../domain/guidance.ts';
import { type NextStep, nextSteps, type StepSource, URGENCIES, URGENCY_LABELS } from '../../domain/next-steps.ts';
import { INCIDENT_TYPES } from '../../domain/report-options.ts';
import type { ReportDraft } from '../../domain/report-schema.ts';
import { LOCAL_ROLE_LABELS } from '../../guidance/contact-route.ts';
import { BUNDLED_PACK } from '../../guidance/pack.ts';
import { articleForIncidentType } from '../../guidance/search.ts';
import { Abbreviated, AbbrScope } from '../../ui/abbr.tsx';
import { useGuidancePack } from '../guidance/use-guidance-pack.ts';
import { routeHref } from '../router.ts';

const DOCUMENT_SHORT: Record<StepSource['document'], string> = {
  camden: 'Camden',
  'kent-medway': 'Kent and Medway FAQ',
};

/** "Camden 5.3", "Kent and Medway FAQ 2 Q9": short enough to scan next to each step. */
export const shortSource = (source: StepSource): string => `${DOCUMENT_SHORT[source.document]} ${source.section}`;

/** The guidance article for each ticked incident type that has one in `pack`, without repeats. */
export const guidanceLinks = (draft: Pick<ReportDraft, 'incidentTypes'>, pack: GuidancePack = BUNDLED_PACK) => {
  const titles = new Map(pack.articles.map((a) => [a.id, a.title]));
  const seen = new Set<string>();
  const links: { type: string; articleId: string; title: string }[] = [];
  for (const type of INCIDENT_TYPES) {
    if (!draft.incidentTypes.includes(type.id) || type.id === 'other') continue;
    const [articleId] = articleForIncidentType(type.id, pack);
    const title = articleId ? titles.get(articleId) : undefined;
    if (!articleId || !title || seen.has(articleId)) continue;
    seen.add(articleId);
    links.push({ type: type.short, articleId, title });
  }
  return links;
};

/** A step that says to phone 999 gets a full-width call button under it: one tap, no small link to find. */
export const callsEmergency = (text: string): boolean => /\b999\b/.test(text);

const Step = ({ step }: { step: NextStep }) => (
  <li class="next-step">
    <p>
      <Abbreviated text={step.text} />
    </p>
    {callsEmergency(step.text) && (
      <a class="call-button" href="tel:999">
        Call 999
      </a>
    )}
    <p class="next-step__sources hint">
      <span class="visually-hidden">Sources: </span>
      {step.sources.map(shortSource).join('; ')}
    </p>
  </li>
);

export const NextStepsPanel = ({ draft }: { draft: ReportDraft }) => {
  const steps = nextSteps(draft);
  // The pack the Guidance screen shows (the server's when newer), so every link opens an article that exists.
  const pack = useGuidancePack();
  const links = guidanceLinks(draft, pack);
  const contacts = LOCAL_CONTACT_ORDER.flatMap((role) => {
    const contact = pack.localContacts?.[role];
    return contact ? [{ role, contact }] : [];
  });
  return (
    <AbbrScope>
      <aside class="next-steps card" aria-labelledby="next-steps-title">
        <h2 id="next-steps-title" class="next-steps__title" tabIndex={-1}>
          Next steps
        </h2>
        <p class="hint">They change as you tick boxes on the form.</p>
        {URGENCIES.map((urgency) => {
          const group = steps.filter((s) => s.urgency === urgency);
          if (group.length === 0) return null;
          return (
            <section key={urgency} class={`next-steps__group next-steps__group--${urgency}`}>
              <h3>{URGENCY_LABELS[urgency]}</h3>
              <ul class="list">
                {group.map((step) => (
                  <Step key={step.id} step={step} />
                ))}
              </ul>
            </section>
          );
        })}
        {links.length > 0 && (
          <section class="next-steps__group">
            <h3>Guidance for this incident</h3>
            <ul>
              {links.map((link) => (
                <li key={link.articleId}>
                  <a class="report-target" href={routeHref('guidance', link.articleId)}>
                    <Abbreviated text={link.title} />
                  </a>
                  <span class="hint"> ({link.type})</span>
                </li>
              ))}
            </ul>
          </section>
        )}
        {contacts.length > 0 && steps.length > 0 && (
          <section class="next-steps__group">
            <h3>Your service’s contacts</h3>
            <ul class="list">
              {contacts.map(({ role, contact }) => (
                <li key={role} class="next-steps__contact">
                  <p>
                    <Abbreviated text={`${contact.name}: ${LOCAL_ROLE_LABELS[role]}`} />
                  </p>
                  {contact.phone && (
                    <a class="tel-link" href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>
                      Call {contact.phone}
                    </a>
                  )}
                  {contact.email && (
                    <a class="tel-link" href={`mailto:${contact.email}`}>
                      Email {contact.email}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
      </aside>
    </AbbrScope>
  );
};

/** The service's own contacts the panel names, the one every report goes to first. */
const LOCAL_CONTACT_ORDER = ['safeguardingLead', 'mash', 'lado', 'outOfHours'] as const;

/** A shortcut from the tick boxes to the panel: how many steps apply, how many now. */
export const NextStepsLink = ({ draft }: { draft: ReportDraft }) => {
  const steps = nextSteps(draft);
  const now = steps.filter((s) => s.urgency === 'immediate').length;
  return (
    <p class="next-steps-link">
      <button
        type="button"
        class="button--secondary"
        onClick={() => {
          const heading = document.getElementById('next-steps-title');
          heading?.scrollIntoView({ block: 'start' });
          heading?.focus();
        }}
      >
        Go to next steps ({steps.length}
        {now > 0 ? `, ${now} to do now` : ''})
      </button>
    </p>
  );
};

/**
 * The panel under a submitted report: the worker saw it while filling the form, so it is collapsed (one line with
 * how many steps) unless a step is for now, so the answers read back in a few screens.
 */
export const NextStepsReadBack = ({ draft }: { draft: ReportDraft }) => {
  const steps = nextSteps(draft);
  if (steps.length === 0) return null;
  const now = steps.filter((s) => s.urgency === 'immediate').length;
  return (
    <details class="next-steps-readback" open={now > 0}>
      <summary>
        Next steps for this report ({steps.length}
        {now > 0 ? `, ${now} to do now` : ''})
      </summary>
      <NextStepsPanel draft={draft} />
    </details>
  );
};
