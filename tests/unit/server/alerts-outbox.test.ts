// The alerts table as a transactional outbox, for real on both engines (a SQLite file, a PostgreSQL database): a server
// stopped between receipt and alert leaves the alert for the next start to deliver, and two servers on one database
// deliver each alert exactly once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALERT_POLL_MS } from '../../../server/alerts.ts';
import {
  ENGINES,
  manualTime,
  postSealed,
  type Receiver,
  sealedSubmission,
  startReceiver,
  startSealedServer,
  startServer,
  type TestServer,
  testDatabasesPerTest,
} from '../fixtures.ts';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';
const INBOX = 'https://safevisit.example.org/officer/';
const WAIT = { timeout: 10_000, interval: 10 };
const REPORTS = 20;

const fresh = testDatabasesPerTest();
const open: Array<TestServer | Receiver> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await ('stop' in thing ? thing.stop() : thing.close());
});
const track = <T extends TestServer | Receiver>(thing: T): T => {
  open.push(thing);
  return thing;
};

describe.each(ENGINES)('alerts on %s survive a stop and share one database', (engine) => {
  it('delivers, after a restart, the alert of a report stored by a server stopped before it could send', async () => {
    const hook = track(await startReceiver());
    const time = manualTime();
    const database = (await fresh(engine)).serverOptions;
    const alerts = { webhook: { url: hook.url, secret: SECRET }, inboxUrl: INBOX, timers: time.timers };
    const first = await startSealedServer({ ...database, now: time.now, alerts: { ...alerts, deliver: false } });
    const s = await sealedSubmission(first.org, { urgency: 'soon' });
    expect((await postSealed(first, s)).status).toBe(201);
    await first.close();
    expect(hook.received).toHaveLength(0);

    const second = track(await startServer({ ...database, now: time.now, alerts }));
    await vi.waitFor(() => expect(hook.received).toHaveLength(1), WAIT);
    expect(JSON.parse(hook.received[0]?.body ?? '{}')).toMatchObject({ id: s.id, urgency: 'soon' });
    await second.app.alertWorker?.settled();
    time.advance(ALERT_POLL_MS);
    await second.app.alertWorker?.settled();
    expect(hook.received).toHaveLength(1);
  });

  it('two servers on one database deliver each alert once', { timeout: 30_000 }, async () => {
    const hook = track(await startReceiver());
    const time = manualTime();
    const database = (await fresh(engine)).serverOptions;
    const alerts = { webhook: { url: hook.url, secret: SECRET }, inboxUrl: INBOX, timers: time.timers };
    const a = await startSealedServer({ ...database, now: time.now, alerts });
    track(a);
    const b = track(await startServer({ ...database, now: time.now, alerts }));
    const submissions = await Promise.all(Array.from({ length: REPORTS }, () => sealedSubmission(a.org)));
    // Each server is woken by its own reports; both then poll and claim from the same table.
    const statuses = await Promise.all(
      submissions.map((s, i) => postSealed(i % 2 === 0 ? a : { url: b.url, deviceToken: a.deviceToken }, s)),
    );
    expect(statuses.map((r) => r.status)).toEqual(Array(REPORTS).fill(201));
    // Time moves on only between passes: a jump past a delivery in flight would time it out (and rightly retry it).
    await a.app.alertWorker?.settled();
    await b.app.alertWorker?.settled();
    time.advance(ALERT_POLL_MS);
    a.app.alertWorker?.kick();
    b.app.alertWorker?.kick();
    await vi.waitFor(() => expect(hook.received.length).toBeGreaterThanOrEqual(REPORTS), WAIT);
    await a.app.alertWorker?.settled();
    await b.app.alertWorker?.settled();
    time.advance(ALERT_POLL_MS);
    await a.app.alertWorker?.settled();
    await b.app.alertWorker?.settled();

    const ids = hook.received.map((r) => (JSON.parse(r.body) as { id: string }).id).sort();
    expect(ids).toEqual(submissions.map((s) => s.id).sort());
    const rows = await a.app.alertStore.alerts();
    expect(rows.every((row) => row.attempts === 1 && row.deliveredAt !== null)).toBe(true);
  });
});
