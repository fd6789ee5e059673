// Seals a submitted report ONCE to the organisation's current encryption key (DESIGN.md "Sealed reports"): the submit
// rules, the urgency from the next-steps rules, the HPKE envelope, and the exact body every retry will POST. Keeps
// nothing itself and keeps no key that opens what it sealed (the public key comes from the verified enrolment).
import type { Enrolment } from '../domain/enrolment.ts';
import type { WireIssue } from '../domain/protocol.ts';
import { REPORT_SCHEMA_VERSION, type ReportDraft } from '../domain/report-schema.ts';
import { reportUrgency } from '../domain/report-urgency.ts';
import { validateForSubmit } from '../domain/report-validation.ts';
import type { SealedSubmission } from '../domain/sealed-protocol.ts';
import { currentEncryptionKey, sealReport } from '../vault/org.ts';
import type { ReportRecord } from './report-repo.ts';

export type SealOutcome =
  /** `body`: the `POST /v2/reports` JSON text, byte for byte what every attempt sends. */
  | { kind: 'sealed'; body: string }
  /** The stored report does not pass the submit rules: it is marked failed, never sealed. */
  | { kind: 'invalid'; issues: WireIssue[] }
  /** No enrolment yet: nothing to seal to. The report waits, unsealed, until the first send after enrolment. */
  | { kind: 'not-enrolled' };

export type ReportSealer = (record: ReportRecord<ReportDraft>) => Promise<SealOutcome>;

const iso = (ms: number) => new Date(ms).toISOString();

/** `enrolment` reads the verified enrolment (the vault's secret); null when the device is not enrolled. */
export const createReportSealer =
  (enrolment: () => Promise<Pick<Enrolment, 'org'> | null>): ReportSealer =>
  async (record) => {
    const enrolled = await enrolment();
    if (enrolled === null) return { kind: 'not-enrolled' };
    // The submit rules with the clock of the moment it was submitted.
    const checked = validateForSubmit(record.data, new Date(record.updatedAt));
    if (!checked.ok) {
      return {
        kind: 'invalid',
        issues: checked.issues.map((i) => ({ path: `report.${i.field}`, message: i.message })),
      };
    }
    const key = currentEncryptionKey(enrolled.org);
    const sealed = await sealReport(
      key,
      { id: record.id, revision: record.revision, schemaVersion: REPORT_SCHEMA_VERSION },
      new TextEncoder().encode(JSON.stringify(checked.report)),
    );
    const submission: SealedSubmission = {
      id: record.id,
      revision: record.revision,
      schemaVersion: REPORT_SCHEMA_VERSION,
      createdAt: iso(record.createdAt),
      submittedAt: iso(record.updatedAt),
      keyId: sealed.keyId,
      urgency: reportUrgency(record.data),
      enc: sealed.enc,
      ciphertext: sealed.ciphertext,
    };
    return { kind: 'sealed', body: JSON.stringify(submission) };
  };

/**
 * The report repository's options for sealing (ReportRepoOptions.seal and .summarise): the body when it could be
 * sealed now, and the incident types a receipt keeps.
 */
export const sealingOptions = (sealer: ReportSealer) => ({
  seal: async (record: ReportRecord<ReportDraft>): Promise<string | null> => {
    const outcome = await sealer(record);
    return outcome.kind === 'sealed' ? outcome.body : null;
  },
  summarise: (data: ReportDraft) => ({ incidentTypes: [...data.incidentTypes] }),
});
