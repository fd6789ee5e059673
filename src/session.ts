// The unlocked session, loaded as its own chunk after the first unlock: the encrypted repositories, the
// settings and the sync engine (they need zod and the wire schemas, which the unlock screen does not).
// It creates and returns its own state (sync state, waiting count, guidance revision); it writes into nothing it is given.
import type { SessionServices } from './app/services.ts';
import { createObservable } from './domain/observable.ts';
import { REPORT_SCHEMA_VERSION, ReportDraftSchema } from './domain/report-schema.ts';
import type { SwBridge } from './pwa/sw-bridge.ts';
import type { SafeVisitDb } from './store/db.ts';
import type { GuidanceRepo } from './store/guidance-repo.ts';
import { createOutboxPort, syncSettingsFrom } from './store/outbox-port.ts';
import type { OutboxRepo } from './store/outbox-repo.ts';
import { createReportRepo } from './store/report-repo.ts';
import { createReportSealer, sealingOptions } from './store/report-sealer.ts';
import { createSettingsRepo } from './store/settings-repo.ts';
import type { Connectivity } from './sync/connectivity.ts';
import { createEnrolmentService } from './sync/enrolment.ts';
import { type GuidanceUpdateResult, updateGuidance } from './sync/guidance-update.ts';
import { createOrgRefresher } from './sync/org-refresh.ts';
import { createSyncEngine, defaultLock } from './sync/outbox.ts';
import { watchWakeEvents } from './sync/wake-events.ts';
import { type Autolock, autolockAfterMs } from './vault/autolock.ts';
import { verifyGuidancePack } from './vault/guidance-signature.ts';
import { fingerprintCode, fingerprintOf, verifyOrgDescriptor } from './vault/org.ts';
import type { Vault } from './vault/vault.ts';

export type SessionDeps = {
  db: SafeVisitDb;
  vault: Vault;
  outbox: OutboxRepo;
  connectivity: Connectivity;
  bridge: SwBridge;
  autolock: Autolock;
  guidance: GuidanceRepo;
};

export const createSession = async (deps: SessionDeps): Promise<SessionServices> => {
  const { db, vault, outbox, connectivity, bridge, autolock } = deps;
  const settings = createSettingsRepo(db, vault);
  // Sealed at "Submit report" when enrolled; a report queued before the enrolment is sealed at its first send.
  const seal = createReportSealer(() => settings.getSecret('enrolment'));
  const reports = createReportRepo(db, vault, {
    schema: ReportDraftSchema,
    schemaVersion: REPORT_SCHEMA_VERSION,
    ...sealingOptions(seal),
  });
  // Counted from the outbox until the engine's first state change counts them itself.
  const outboxCount = createObservable(await outbox.count().catch(() => 0));
  const enrolment = createEnrolmentService({
    verify: verifyOrgDescriptor,
    fingerprintOf,
    fingerprintCode,
    load: () => settings.getSecret('enrolment'),
    save: (value) => settings.setSecret('enrolment', value),
    waiting: () => outbox.count(),
  });
  const sync = createSyncEngine({
    port: createOutboxPort({ db, reports, outbox, seal }),
    settings: syncSettingsFrom(settings),
    lock: defaultLock(),
    // A rotated organisation key is picked up at each run, so the next report is sealed to it.
    beforeSend: createOrgRefresher({
      load: () => settings.getSecret('enrolment'),
      save: (value) => settings.setSecret('enrolment', value),
      verify: verifyOrgDescriptor,
    }),
  });
  sync.state.subscribe((state) => outboxCount.set(state.waiting));
  const guidanceRevision = createObservable(0);
  bridge.onSyncRequested(() => void sync.onBackgroundSyncRequested());
  // Ask the service worker to wake the app when connectivity returns while reports wait.
  sync.state.subscribe((state) => {
    if (state.waiting > 0 && !connectivity.get()) void bridge.requestBackgroundSync();
  });

  autolock.setAfterMs(autolockAfterMs((await settings.get()).autolockMinutes));

  const checkGuidance = async (): Promise<GuidanceUpdateResult> => {
    const enrolled = await settings.getSecret('enrolment');
    const source = enrolled
      ? { endpoint: enrolled.endpoint, fingerprint: enrolled.fingerprint, signingKey: enrolled.org.signingKey }
      : null;
    const result = await updateGuidance({ repo: deps.guidance, source, verify: verifyGuidancePack });
    // 'none-published' may have dropped a pack kept from before: the screens read the row again either way.
    if (result.kind === 'updated' || (result.kind === 'kept' && result.reason === 'none-published'))
      guidanceRevision.update((n) => n + 1);
    return result;
  };
  // Published guidance follows the server whenever the device comes online (and once per unlock).
  connectivity.subscribe((online) => {
    if (online) void checkGuidance();
  });

  // Sync runs while the vault is unlocked: the token and the reports need the key.
  let stopSync: (() => void) | null = null;
  const follow = (state: Vault['state']) => {
    if (state === 'unlocked') {
      // Edits made to the sending state while locked are found and shown now; sync and the purge skip them anyway.
      void reports.control.scan().catch(() => undefined);
      stopSync ??= sync.start({ connectivity, wake: watchWakeEvents() });
      void sync.purgeExpired();
      if (connectivity.get()) void checkGuidance();
    } else {
      stopSync?.();
      stopSync = null;
    }
  };
  vault.subscribe(follow);
  follow(vault.state);

  return {
    vault,
    reports,
    settings,
    sync,
    syncState: sync.state,
    outboxCount,
    guidanceRevision,
    enrolment,
    controlChanged: reports.control.changed,
    checkGuidance,
    setAutolockMinutes: (minutes) => autolock.setAfterMs(autolockAfterMs(minutes)),
  };
};
