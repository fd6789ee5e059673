// Enrolled devices over a real socket: an officer enrols one, its token works on /v2/device (and /v2/reports) and
// moves lastSeenAt; revoking stops it at once (403 'revoked'); every step leaves an audit row with ids only.
import { describe, expect, it } from 'vitest';
import {
  DeviceListSchema,
  DeviceStatusSchema,
  EnrolDeviceResponseSchema,
  ORG_PATHS,
  RevokeDeviceResponseSchema,
} from '../../../src/domain/org-protocol.ts';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import {
  b64,
  DEVICE_TOKEN,
  joinAsNewOfficer,
  manualClock,
  type SetUpServer,
  send,
  setUpServersPerTest,
} from '../fixtures.ts';

const start = setUpServersPerTest();

const errorOf = async (response: Response) => ErrorBodySchema.parse(await response.json()).error;

const enrol = async (server: SetUpServer, name = 'Hall laptop') => {
  const response = await send(server.url, ORG_PATHS.devices, { token: server.session.token, body: { name } });
  expect(response.status).toBe(201);
  return EnrolDeviceResponseSchema.parse(await response.json());
};
const list = async (server: SetUpServer) =>
  DeviceListSchema.parse(await (await send(server.url, ORG_PATHS.devices, { token: server.session.token })).json())
    .devices;

describe('devices', () => {
  it('enrols a device whose token answers /v2/device with the organisation, and keeps only its hash', async () => {
    const server = await start();
    const { device, token } = await enrol(server);
    expect(device).toMatchObject({ name: 'Hall laptop', lastSeenAt: null, revokedAt: null });
    expect(token).toMatch(/^[\w-]{43}$/);

    const response = await send(server.url, ORG_PATHS.deviceStatus, { token });
    expect(response.status).toBe(200);
    const status = DeviceStatusSchema.parse(await response.json());
    expect(status).toEqual({ deviceId: device.id, org: server.session.org });
    expect(JSON.stringify(await list(server))).not.toContain(token);
  });

  it('moves lastSeenAt at each contact', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const { device, token } = await enrol(server);
    clock.advance(60_000);
    await send(server.url, ORG_PATHS.deviceStatus, { token });
    const seen = (await list(server)).find((d) => d.id === device.id);
    expect(seen?.lastSeenAt).toBe(clock.date().toISOString());

    clock.advance(60_000);
    await send(server.url, ORG_PATHS.deviceStatus, { token });
    expect((await list(server)).find((d) => d.id === device.id)?.lastSeenAt).toBe(clock.date().toISOString());
  });

  it('writes lastSeenAt at most once a minute per device, so the Devices list is right to the minute', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const first = await enrol(server, 'Hall laptop');
    const second = await enrol(server, 'Office tablet');
    const seenAt = async (id: string) => (await list(server)).find((d) => d.id === id)?.lastSeenAt;

    await send(server.url, ORG_PATHS.deviceStatus, { token: first.token });
    const firstSeen = clock.date().toISOString();
    expect(await seenAt(first.device.id)).toBe(firstSeen);

    // Within the minute: no write, the list still says when it was seen a moment ago.
    clock.advance(59_000);
    await send(server.url, ORG_PATHS.deviceStatus, { token: first.token });
    expect(await seenAt(first.device.id)).toBe(firstSeen);
    // Another device is debounced on its own.
    await send(server.url, ORG_PATHS.deviceStatus, { token: second.token });
    expect(await seenAt(second.device.id)).toBe(clock.date().toISOString());

    clock.advance(1_000);
    await send(server.url, ORG_PATHS.deviceStatus, { token: first.token });
    expect(await seenAt(first.device.id)).toBe(clock.date().toISOString());
  });

  it('writes lastSeenAt again when the clock was set back behind it', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const { device, token } = await enrol(server);
    clock.advance(10 * 60_000);
    await send(server.url, ORG_PATHS.deviceStatus, { token });
    clock.advance(-5 * 60_000);
    await send(server.url, ORG_PATHS.deviceStatus, { token });
    expect((await list(server)).find((d) => d.id === device.id)?.lastSeenAt).toBe(clock.date().toISOString());
  });

  it('revokes a device: its next request gets 403 revoked, others keep working', async () => {
    const server = await start();
    const revoked = await enrol(server, 'Lost phone');
    const kept = await enrol(server, 'Office tablet');
    expect((await send(server.url, ORG_PATHS.deviceStatus, { token: revoked.token })).status).toBe(200);

    const response = await send(server.url, ORG_PATHS.revokeDevice(revoked.device.id), {
      method: 'POST',
      token: server.session.token,
    });
    expect(response.status).toBe(200);
    const { device } = RevokeDeviceResponseSchema.parse(await response.json());
    expect(device.revokedAt).not.toBeNull();

    const status = await send(server.url, ORG_PATHS.deviceStatus, { token: revoked.token });
    expect(status.status).toBe(403);
    expect(await errorOf(status)).toMatchObject({ code: 'revoked', message: expect.stringMatching(/withdrawn/) });

    expect((await send(server.url, ORG_PATHS.deviceStatus, { token: kept.token })).status).toBe(200);
    const devices = await list(server);
    expect(devices.map((d) => d.name)).toEqual(['Office tablet', 'Lost phone']);
    expect(devices.find((d) => d.id === revoked.device.id)?.revokedAt).toBe(device.revokedAt);

    // Revoking again changes nothing and writes no second row.
    await send(server.url, ORG_PATHS.revokeDevice(revoked.device.id), { method: 'POST', token: server.session.token });
    const rows = await server.app.orgStore.auditLog();
    expect(rows.filter((r) => r.action === 'device-revoked')).toEqual([
      expect.objectContaining({ officerId: server.session.officer.id, subjectId: revoked.device.id }),
    ]);
    expect(rows.filter((r) => r.action === 'device-enrolled').map((r) => r.subjectId)).toEqual([
      revoked.device.id,
      kept.device.id,
    ]);
  });

  it('leaves a revoked device’s lastSeenAt where it was when its withdrawn token is tried again', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    const { device, token } = await enrol(server);
    await send(server.url, ORG_PATHS.deviceStatus, { token });
    const seenAt = clock.date().toISOString();
    await send(server.url, ORG_PATHS.revokeDevice(device.id), { method: 'POST', token: server.session.token });
    clock.advance(5 * 60_000);
    expect((await send(server.url, ORG_PATHS.deviceStatus, { token })).status).toBe(403);
    expect((await list(server)).find((d) => d.id === device.id)).toMatchObject({
      lastSeenAt: seenAt,
      revokedAt: seenAt,
    });
  });

  it('records when and by which officer a device was enrolled', async () => {
    const clock = manualClock();
    const server = await start({ now: clock.date });
    clock.advance(90_000);
    const { device } = await enrol(server);
    expect(device.createdAt).toBe(clock.date().toISOString());
    const rows = await server.app.orgStore.auditLog();
    expect(rows.filter((r) => r.action === 'device-enrolled')).toEqual([
      expect.objectContaining({ officerId: server.session.officer.id, subjectId: device.id }),
    ]);
  });

  it('answers an unknown device token with 401, an unknown device id with 404, a bad name with 400', async () => {
    const server = await start();
    for (const token of [undefined, b64(32), DEVICE_TOKEN]) {
      expect((await send(server.url, ORG_PATHS.deviceStatus, { token })).status).toBe(401);
    }
    for (const id of ['no-such-device', 'x'.repeat(65)]) {
      const missing = await send(server.url, ORG_PATHS.revokeDevice(id), {
        method: 'POST',
        token: server.session.token,
      });
      expect(await errorOf(missing)).toEqual({ code: 'not-found', message: 'There is no such device.' });
      expect(missing.status).toBe(404);
    }
    const bad = await send(server.url, ORG_PATHS.devices, { token: server.session.token, body: { name: '  ' } });
    expect(bad.status).toBe(400);
    const error = await errorOf(bad);
    expect(error).toMatchObject({ code: 'invalid', message: 'The device name is not valid.' });
    expect(error.issues?.[0]?.path).toBe('name');
  });

  it('lets only a confirmed officer enrol, list or revoke devices', async () => {
    const server = await start();
    const { device } = await enrol(server);
    const { session } = await joinAsNewOfficer(server, 'bo.new@example.org');
    const attempts: [string, { method?: string; body?: unknown }][] = [
      [ORG_PATHS.devices, { body: { name: 'Sneaky tablet' } }],
      [ORG_PATHS.devices, {}],
      [ORG_PATHS.revokeDevice(device.id), { method: 'POST' }],
    ];
    for (const [path, init] of attempts) {
      const response = await send(server.url, path, { token: session.token, ...init });
      expect(await errorOf(response), path).toMatchObject({ code: 'forbidden' });
      expect(response.status).toBe(403);
    }
    expect((await list(server)).map((d) => [d.name, d.revokedAt])).toEqual([['Hall laptop', null]]);
  });

  it('gives each enrolled device its own request budget, apart from the per-address one', async () => {
    const server = await start({
      rateLimit: { max: 100, timeWindowMs: 60_000 },
      deviceRateLimit: { max: 2, timeWindowMs: 60_000 },
    });
    const one = await enrol(server, 'Hall laptop');
    const two = await enrol(server, 'Office tablet');
    const statuses = async (token: string, times: number) => {
      const seen: number[] = [];
      for (let i = 0; i < times; i++) seen.push((await send(server.url, ORG_PATHS.deviceStatus, { token })).status);
      return seen;
    };
    expect(await statuses(one.token, 3)).toEqual([200, 200, 429]);
    expect(await statuses(two.token, 3)).toEqual([200, 200, 429]);
  });

  it('labels an enrolled device by its id, so the v1 limit counts each device on its own', async () => {
    const server = await start({ rateLimit: { max: 2, timeWindowMs: 60_000 } });
    const one = await enrol(server, 'Hall laptop');
    const two = await enrol(server, 'Office tablet');
    const health = async (token: string) => (await send(server.url, '/v1/health', { token })).status;
    expect([await health(one.token), await health(one.token), await health(one.token)]).toEqual([200, 200, 429]);
    expect(await health(two.token)).toBe(200);
  });

  it('refuses device routes to a device token and officer routes to nobody (the one role hook)', async () => {
    const server = await start();
    const { token } = await enrol(server);
    expect((await send(server.url, ORG_PATHS.devices, { token })).status).toBe(401);
    expect((await send(server.url, ORG_PATHS.devices)).status).toBe(401);
    expect((await send(server.url, ORG_PATHS.deviceStatus, { token: server.session.token })).status).toBe(401);
  });
});
