// The organisation routes of protocol v2 (src/domain/org-protocol.ts): the published organisation, first-run setup,
// officer sign-in and sessions, and (through devices.ts and report-routes.ts) devices, sealed reports and the inbox. One hook authorises every route by the role in its
// `config.auth`; routes validate with the shared schemas and never return a secret other than the caller's own token.
import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ORG_PATHS,
  PreloginRequestSchema,
  PreloginResponseSchema,
  type SessionResponse,
  SessionResponseSchema,
  SetupRequestSchema,
  SignInRequestSchema,
} from '../src/domain/org-protocol.ts';
import type { RateLimitOptions } from './api.ts';
import { bearerToken, type EnrolledDeviceLookup, type Principal } from './auth.ts';
import { registerDeviceRoutes } from './devices.ts';
import { sendError, toWireIssues } from './http-errors.ts';
import { type LifecycleStore, registerLifecycleRoutes } from './lifecycle-routes.ts';
import {
  createDummyAuthHash,
  hashAuthKey,
  hashToken,
  madeUpKdf,
  newToken,
  SESSION_IDLE_TIMEOUT_MS,
  sessionExpired,
  sessionExpiresAt,
  verifyAuthKey,
} from './officer-auth.ts';
import { type ReportAlerts, registerReportRoutes } from './report-routes.ts';
import { createSetupCodeChecker } from './setup-code.ts';
import type { OfficerRecord, OrgStore, SealedReportStore, SessionRecord } from './storage/types.ts';
import { registerTeamRoutes } from './team-routes.ts';
import { type Clock, createThrottle, type ThrottleOptions } from './throttle.ts';

/** Who may call a route: anyone, an officer with a live session (confirmed or not), or an enrolled device. */
export type RouteAuth = 'public' | 'officer' | 'confirmed-officer' | 'device';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Unset means 'officer': a route that forgets to say is closed, not open. */
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /** The signed-in officer and their session (officer routes only). */
    officer?: OfficerRecord;
    session?: SessionRecord;
    /** The enrolled device (device routes only). */
    deviceId?: string;
    /** What the caller's token was found to be, before anything was decided (for the rate limiter's key). */
    caller?: { device?: Principal; session?: SessionRecord };
  }
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const growing = (freeFailures: number): ThrottleOptions => ({
  freeFailures,
  firstDelayMs: 1_000,
  maxDelayMs: 15 * MINUTE_MS,
  forgetAfterMs: HOUR_MS,
});
/** Setup codes: a few tries per address, and a ceiling for everyone together (the code may be an operator's own). */
export const SETUP_THROTTLE_PER_ADDRESS = growing(5);
export const SETUP_THROTTLE_ALL = growing(20);
/** Passphrases: per account (whoever tries), and per address (an office may share one, so more). */
export const SIGN_IN_THROTTLE_PER_ACCOUNT = growing(5);
export const SIGN_IN_THROTTLE_PER_ADDRESS = growing(20);

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The budget of one enrolled device on the v2 routes, apart from the per-caller limit: a device's whole backlog
 * (1,000 queued reports, the sync target of DESIGN.md) and a retry of each after dropped connections must fit in one
 * window, so one sync is never cut off. Past it the device obeys Retry-After (src/sync/outbox.ts) and carries on.
 */
export const DEVICE_RATE_LIMIT: RateLimitOptions = { max: 3_000, timeWindowMs: MINUTE_MS };

/**
 * The rate limiter's key: an enrolled device (revoked or not) by its id, an officer's session by the officer, and
 * anyone without a token this server knows by address, so guessed tokens are limited and one address (a NAT) does
 * not share its budget with the devices behind it.
 */
export const rateLimitKey = (request: FastifyRequest): string => {
  const { device, session } = request.caller ?? {};
  if (device?.deviceId) return `device:${device.deviceId}`;
  if (session) return `officer:${session.officerId}`;
  return `ip:${request.ip}`;
};

export type OrgRoutesOptions = {
  store: OrgStore;
  /** Sealed reports and the inbox (server/report-routes.ts), behind the same role hook. */
  reports: SealedReportStore;
  clock: Clock;
  /** The one-time setup code of this process; undefined refuses every setup. */
  setupCode?: string;
  enrolled: EnrolledDeviceLookup;
  /** Per officer, or per address without a known token; false turns all limiting here off. */
  rateLimit: RateLimitOptions | false;
  /** Per enrolled device (DEVICE_RATE_LIMIT by default). */
  deviceRateLimit: RateLimitOptions;
  /** Alerts queued with each new report, and woken after it. */
  alerts?: ReportAlerts;
  /** Key rotation and erasure (server/lifecycle-routes.ts), behind the same role hook. */
  lifecycle: LifecycleStore;
};

const retryAfterS = (waitMs: number): string => String(Math.max(1, Math.ceil(waitMs / 1000)));

const tooManyTries = (reply: FastifyReply, waitMs: number, what: string): FastifyReply => {
  reply.header('Retry-After', retryAfterS(waitMs));
  return sendError(
    reply,
    429,
    'rate-limited',
    `Too many wrong ${what}. Wait for the time in Retry-After and try again.`,
  );
};

const unauthorised = (
  reply: FastifyReply,
  message: string,
  code: 'unauthorised' | 'session-expired' | 'officer-removed' = 'unauthorised',
): FastifyReply => {
  reply.header('WWW-Authenticate', 'Bearer');
  return sendError(reply, 401, code, message);
};

export const registerOrgRoutes = async (app: FastifyInstance, options: OrgRoutesOptions): Promise<void> => {
  const { store, clock, enrolled } = options;
  const setupCodeMatches = createSetupCodeChecker(options.setupCode);
  const setupByAddress = createThrottle(SETUP_THROTTLE_PER_ADDRESS, clock);
  const setupByAll = createThrottle(SETUP_THROTTLE_ALL, clock);
  const signInByAccount = createThrottle(SIGN_IN_THROTTLE_PER_ACCOUNT, clock);
  const signInByAddress = createThrottle(SIGN_IN_THROTTLE_PER_ADDRESS, clock);
  // Made once, so an unknown address costs one scrypt like a known one.
  const dummyAuthHash = createDummyAuthHash();
  let preloginSecret: Promise<Buffer> | undefined;

  app.addHook('onSend', async (_request, reply, payload) => {
    // Sessions, sealed keys and device tokens: no cache may keep them.
    reply.header('Cache-Control', 'no-store');
    return payload;
  });

  // 1. Who is calling (onRequest, instance level): looks the token up and decides nothing, so the rate limiter (a
  // route-level onRequest hook, which Fastify runs after this one) can key on the device or the officer.
  app.addHook('onRequest', async (request) => {
    const auth = request.routeOptions.config.auth ?? 'officer';
    if (auth === 'public') return;
    const token = bearerToken(request.headers.authorization);
    if (auth === 'device') {
      request.caller = { device: token ? await enrolled(token) : undefined };
      return;
    }
    const session = token && TOKEN_SHAPE.test(token) ? await store.sessionByHash(hashToken(token)) : undefined;
    request.caller = { session };
  });

  if (options.rateLimit) {
    const perCaller = options.rateLimit;
    const perDevice = options.deviceRateLimit;
    await app.register(rateLimit, {
      global: true,
      keyGenerator: rateLimitKey,
      max: (_request, key) => (key.startsWith('device:') ? perDevice.max : perCaller.max),
      timeWindow: (_request, key) => (key.startsWith('device:') ? perDevice.timeWindowMs : perCaller.timeWindowMs),
    });
  }

  // 2. The one authorisation check, after the rate limiter (so guessed tokens are limited too) and before the body
  // is read. Callback style on purpose: a hook that replies and never calls `done` stops the request there.
  app.addHook('preParsing', (request, reply, payload, done) => {
    authorise(request, reply).then(
      (allowed) => {
        if (allowed) done(null, payload);
      },
      (error: Error) => done(error, payload),
    );
  });

  /** True when the caller may go on; otherwise it has answered (401/403). */
  const authorise = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const auth = request.routeOptions.config.auth ?? 'officer';
    if (auth === 'public') return true;
    if (auth === 'device') {
      const device = request.caller?.device;
      if (!device?.deviceId) {
        unauthorised(reply, 'Send this device’s access token: Authorization: Bearer <token>.');
        return false;
      }
      if (device.revoked) {
        sendError(
          reply,
          403,
          'revoked',
          'This device’s access has been withdrawn; ask your organisation to enrol it again.',
        );
        return false;
      }
      request.deviceId = device.deviceId;
      return true;
    }
    const session = request.caller?.session;
    if (!session) {
      unauthorised(reply, 'Sign in first: this needs an officer’s session.');
      return false;
    }
    if (session.endedBecause === 'removed') {
      await store.endSession(session);
      unauthorised(
        reply,
        'This officer account has been removed from the organisation, so its session has ended.',
        'officer-removed',
      );
      return false;
    }
    const now = clock();
    if (sessionExpired(session, now)) {
      await store.endSession(session);
      unauthorised(reply, 'Your session has ended. Sign in again.', 'session-expired');
      return false;
    }
    const officer = await store.officerById(session.officerId);
    if (!officer) {
      unauthorised(reply, 'Sign in first: this needs an officer’s session.');
      return false;
    }
    if (auth === 'confirmed-officer' && !officer.confirmed) {
      sendError(reply, 403, 'forbidden', 'Another officer must confirm your account before you can do this.');
      return false;
    }
    await store.touchSession(session.tokenHash, now.toISOString());
    request.officer = officer;
    request.session = { ...session, lastUsedAt: now.toISOString() };
    return true;
  };

  const sessionResponse = async (
    officer: OfficerRecord,
    session: SessionRecord,
    token: string,
  ): Promise<SessionResponse> =>
    SessionResponseSchema.parse({
      token,
      expiresAt: sessionExpiresAt(session).toISOString(),
      idleTimeoutMs: SESSION_IDLE_TIMEOUT_MS,
      officer: {
        id: officer.id,
        name: officer.name,
        email: officer.email,
        confirmed: officer.confirmed,
        createdAt: officer.createdAt,
      },
      keys: officer.keys,
      grants: await store.grantsOf(officer.id),
      org: await store.organisation(),
    });

  const newSession = (officerId: string) => {
    const { token, tokenHash } = newToken();
    const at = clock().toISOString();
    return { token, session: { tokenHash, officerId, createdAt: at, lastUsedAt: at } };
  };

  app.get(ORG_PATHS.org, { config: { auth: 'public' } }, async (_request, reply) => {
    const org = await store.organisation();
    if (!org) {
      return sendError(
        reply,
        404,
        'not-found',
        'This server has no organisation yet: an officer must set it up first.',
      );
    }
    return org;
  });

  const alreadySetUp = (reply: FastifyReply) =>
    sendError(
      reply,
      403,
      'already-set-up',
      'This organisation is already set up, so the setup code no longer works. Sign in instead.',
    );

  app.post(ORG_PATHS.setup, { config: { auth: 'public' } }, async (request: FastifyRequest, reply) => {
    const addressKey = `ip:${request.ip}`;
    const waitMs = Math.max(setupByAddress.waitMs(addressKey), setupByAll.waitMs('all'));
    if (waitMs > 0) return tooManyTries(reply, waitMs, 'setup codes');
    const parsed = SetupRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendError(reply, 400, 'invalid', 'The setup details are not valid.', toWireIssues(parsed.error.issues));
    }
    const input = parsed.data;
    // Stryker disable next-line ConditionalExpression: a fast path; without it store.setUp answers 'exists' below.
    if (await store.organisation()) return alreadySetUp(reply);
    if (!setupCodeMatches(input.setupCode)) {
      setupByAddress.failed(addressKey);
      setupByAll.failed('all');
      return sendError(
        reply,
        403,
        'setup-code',
        'That setup code is not right. Use the code the server printed when it started.',
      );
    }
    const kids = new Set(input.grants.map((g) => g.kid));
    if (kids.size !== input.grants.length || !kids.has('signing') || !kids.has(input.organisation.encryptionKey.kid)) {
      return sendError(reply, 400, 'invalid', 'The setup details are not valid.', [
        { path: 'grants', message: 'must hold the signing key and the encryption key once each' },
      ]);
    }
    const createdAt = clock().toISOString();
    const officer: OfficerRecord = {
      id: randomUUID(),
      name: input.officer.name,
      email: input.officer.email,
      confirmed: true,
      createdAt,
      kdf: input.officer.kdf,
      authHash: await hashAuthKey(input.officer.authKey),
      keys: input.officer.keys,
    };
    const { token, session } = newSession(officer.id);
    const outcome = await store.setUp({ ...input.organisation, createdAt, officer, grants: input.grants }, session);
    // Stryker disable next-line ConditionalExpression,StringLiteral: reached only by two setups racing past the check above.
    if (outcome === 'exists') return alreadySetUp(reply);
    setupByAddress.succeeded(addressKey);
    return reply.code(201).send(await sessionResponse(officer, session, token));
  });

  app.post(ORG_PATHS.prelogin, { config: { auth: 'public' } }, async (request, reply) => {
    const parsed = PreloginRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendError(reply, 400, 'invalid', 'Enter an email address.', toWireIssues(parsed.error.issues));
    }
    const officer = await store.officerByEmail(parsed.data.email);
    preloginSecret ??= store.secret('prelogin-salt');
    const kdf = officer?.kdf ?? madeUpKdf(parsed.data.email, await preloginSecret);
    return PreloginResponseSchema.parse({ kdf });
  });

  app.post(ORG_PATHS.signIn, { config: { auth: 'public' } }, async (request, reply) => {
    const parsed = SignInRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendError(
        reply,
        400,
        'invalid',
        'Enter your email address and passphrase.',
        toWireIssues(parsed.error.issues),
      );
    }
    const { email, authKey } = parsed.data;
    const accountKey = `email:${email}`;
    const addressKey = `ip:${request.ip}`;
    const waitMs = Math.max(signInByAccount.waitMs(accountKey), signInByAddress.waitMs(addressKey));
    if (waitMs > 0) return tooManyTries(reply, waitMs, 'passphrases');

    const officer = await store.officerByEmail(email);
    const matches = await verifyAuthKey(authKey, officer?.authHash ?? (await dummyAuthHash));
    if (!officer || !matches) {
      signInByAccount.failed(accountKey);
      signInByAddress.failed(addressKey);
      await store.recordFailedSignIn(officer?.id ?? null, clock().toISOString());
      return unauthorised(reply, 'That email address and passphrase do not match an officer account.');
    }
    signInByAccount.succeeded(accountKey);
    const { token, session } = newSession(officer.id);
    await store.startSession(session);
    return sessionResponse(officer, session, token);
  });

  app.post(ORG_PATHS.signOut, { config: { auth: 'officer' } }, async (request, reply) => {
    if (request.session) await store.endSession(request.session, clock().toISOString());
    return reply.code(204).send();
  });

  app.get(ORG_PATHS.me, { config: { auth: 'officer' } }, async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (!request.officer || !request.session || !token) return unauthorised(reply, 'Sign in first.');
    return sessionResponse(request.officer, request.session, token);
  });

  registerDeviceRoutes(app, store, clock);
  registerReportRoutes(app, options.reports, clock, options.alerts);
  registerTeamRoutes(app, store, clock);
  registerLifecycleRoutes(app, options.lifecycle, clock);
};
