// Enrolled devices: officers enrol (a token shown once, only its SHA-256 kept), list and revoke them; a device
// checks its enrolment on `GET /v2/device`. A revoked token is refused from the next request on.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  type Device,
  DeviceListSchema,
  DeviceStatusSchema,
  EnrolDeviceRequestSchema,
  EnrolDeviceResponseSchema,
  ORG_PATHS,
  RevokeDeviceResponseSchema,
} from '../src/domain/org-protocol.ts';
import type { EnrolledDeviceLookup } from './auth.ts';
import { sendError, toWireIssues } from './http-errors.ts';
import { hashToken, newToken } from './officer-auth.ts';
import type { DeviceRecord, OrgStore } from './storage/types.ts';
import type { Clock } from './throttle.ts';

/** Only text shaped like an issued token (32 bytes, base64url) is looked up. */
// Stryker disable next-line Regex: a looser shape only looks up more hashes that no device holds.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * A device's "last seen" is written at most this often: the token check runs on every request (a sync sends
 * hundreds a second) and needs only a read; the officer's Devices list stays right to the minute.
 */
export const LAST_SEEN_EVERY_MS = 60_000;

/** True when the stored lastSeenAt is a minute old or more (or ahead of the clock, which was set back). */
const seenLongAgo = (lastSeenAt: string | null, now: Date): boolean => {
  // Stryker disable next-line ConditionalExpression: Date.parse(null) is NaN, which also counts as long ago.
  if (lastSeenAt === null) return true;
  const since = now.getTime() - Date.parse(lastSeenAt);
  // Stryker disable next-line EqualityOperator: at 0 ms a write would store the same time again.
  return !(since >= 0 && since < LAST_SEEN_EVERY_MS);
};

/** For the bearer-token check of the device routes: finds the device and notes that it was seen (see above). */
export const enrolledDeviceLookup =
  (store: OrgStore, clock: Clock): EnrolledDeviceLookup =>
  async (token) => {
    // Stryker disable next-line ConditionalExpression: skipping the shape check only looks up a hash no device holds.
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const device = await store.deviceByTokenHash(hashToken(token));
    if (!device) return undefined;
    const revoked = device.revokedAt !== null;
    const now = clock();
    // Debounced by the stored time itself: nothing to keep in memory, and right across restarts.
    if (!revoked && seenLongAgo(device.lastSeenAt, now)) await store.markDeviceSeen(device.id, now.toISOString());
    return { role: 'device', label: `device:${device.id}`, deviceId: device.id, revoked };
  };

const wire = (d: DeviceRecord): Device => ({
  id: d.id,
  name: d.name,
  createdAt: d.createdAt,
  lastSeenAt: d.lastSeenAt,
  revokedAt: d.revokedAt,
});

// Stryker disable next-line MethodExpression: an empty or overlong id is no device's either: 404 all the same.
const DeviceParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** Routes of devices; the role each needs is in its `config.auth` (checked by the one hook in org-routes.ts). */
export const registerDeviceRoutes = (app: FastifyInstance, store: OrgStore, clock: Clock): void => {
  app.post(ORG_PATHS.devices, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const parsed = EnrolDeviceRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendError(reply, 400, 'invalid', 'The device name is not valid.', toWireIssues(parsed.error.issues));
    }
    const { token, tokenHash } = newToken();
    const device: DeviceRecord = {
      id: randomUUID(),
      name: parsed.data.name,
      createdAt: clock().toISOString(),
      lastSeenAt: null,
      revokedAt: null,
      // Stryker disable next-line OptionalChaining: only a confirmed officer gets past the role hook.
      enrolledBy: request.officer?.id ?? null,
    };
    await store.enrolDevice(device, tokenHash);
    return reply.code(201).send(EnrolDeviceResponseSchema.parse({ device: wire(device), token }));
  });

  app.get(ORG_PATHS.devices, { config: { auth: 'confirmed-officer' } }, async () =>
    DeviceListSchema.parse({ devices: (await store.listDevices()).map(wire) }),
  );

  app.post(`${ORG_PATHS.devices}/:id/revoke`, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const params = DeviceParamsSchema.safeParse(request.params);
    if (!params.success) return sendError(reply, 404, 'not-found', 'There is no such device.');
    // Stryker disable next-line OptionalChaining: only a confirmed officer gets past the role hook.
    const officerId = request.officer?.id;
    // Stryker disable next-line all: unreachable: only a confirmed officer gets past the role hook.
    if (!officerId) return sendError(reply, 404, 'not-found', 'There is no such device.');
    const device = await store.revokeDevice(params.data.id, officerId, clock().toISOString());
    if (!device) return sendError(reply, 404, 'not-found', 'There is no such device.');
    return RevokeDeviceResponseSchema.parse({ device: wire(device) });
  });

  app.get(ORG_PATHS.deviceStatus, { config: { auth: 'device' } }, async (request, reply) => {
    const org = await store.organisation();
    const deviceId = request.deviceId;
    // Stryker disable next-line all: unreachable: a device is enrolled into the organisation, and the hook let it in.
    if (!org || !deviceId) return sendError(reply, 404, 'not-found', 'This server has no organisation yet.');
    return DeviceStatusSchema.parse({ deviceId, org });
  });
};
