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
import type { WireErrorCode } from '../src/domain/protocol.ts';
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

/** A caller the role hook turns away: 401 (who are you?) or 403 (not allowed). */
type Refusal = { status: 401 | 403; code: WireErrorCode; message: string };
const refused = (status: 401 | 403, code: WireErrorCode, message: string): Refusal => ({ status, code, message });
const SIGN_IN_FIRST = refused(401, 'unauthorised', 'Sign in first: this needs an officer’s session.');

const unauthorised = (reply: FastifyReply, message: string, code: WireErrorCode = 'unauthorised'): FastifyReply => {
  reply.header('WWW-Authenticate', 'Bearer');
  return sendError(reply, 401, code, message);
};

/** The officer, session and token the role hook let through: it sets them on every route whose `config.auth` needs them. */
const signedIn = (request: FastifyRequest) => {
  const { officer, session } = request;
  const token = bearerToken(request.headers.authorization);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: the hook never lets an officer route run without them.
  if (!officer || !session || !token) throw new Error('An officer route ran without a signed-in officer.');
  return { officer, session, token };
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
    // Unset is an officer's route (see refusalOf): a route that forgets to say is closed.
    const auth = request.routeOptions.config.auth;
    if (auth === 'public') return;
    const token = bearerToken(request.headers.authorization);
    if (auth === 'device') {
      request.caller = { device: token ? await enrolled(token) : undefined };
      return;
    }
    const session = token ? await store.sessionByHash(hashToken(token)) : undefined;
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
  // is read. Callback style on purpose: a hook that replies and never calls `done` stops the request there, so a
  // refused request reaches no handler.
  app.addHook('preParsing', (request, reply, payload, done) => {
    refusalOf(request).then(
      (refusal) => {
        if (!refusal) return done(null, payload);
        if (refusal.status === 401) return unauthorised(reply, refusal.message, refusal.code);
        sendError(reply, refusal.status, refusal.code, refusal.message);
      },
      (error: Error) => done(error, payload),
    );
  });

  /** Why the caller may not go on (nothing when they may: then the request carries the officer or the device). */
  const refusalOf = async (request: FastifyRequest): Promise<Refusal | undefined> => {
    // Unset falls through to the officer checks below: a route that forgets to say is closed.
    const auth = request.routeOptions.config.auth;
    if (auth === 'public') return undefined;
    if (auth === 'device') {
      // Stryker disable next-line OptionalChaining: the first hook sets caller on every request that is not public.
      const device = request.caller?.device;
      if (!device?.deviceId) {
        return refused(401, 'unauthorised', 'Send this device’s access token: Authorization: Bearer <token>.');
      }
      if (device.revoked) {
        return refused(
          403,
          'revoked',
          'This device’s access has been withdrawn; ask your organisation to enrol it again.',
        );
      }
      request.deviceId = device.deviceId;
      return undefined;
    }
    // Stryker disable next-line OptionalChaining: the first hook sets caller on every request that is not public.
    const session = request.caller?.session;
    if (!session) return SIGN_IN_FIRST;
    if (session.endedBecause === 'removed') {
      await store.endSession(session);
      const removed = 'This officer account has been removed from the organisation, so its session has ended.';
      return refused(401, 'officer-removed', removed);
    }
    const now = clock();
    if (sessionExpired(session, now)) {
      await store.endSession(session);
      return refused(401, 'session-expired', 'Your session has ended. Sign in again.');
    }
    const officer = await store.officerById(session.officerId);
    if (!officer) return SIGN_IN_FIRST;
    if (auth === 'confirmed-officer' && !officer.confirmed) {
      return refused(403, 'forbidden', 'Another officer must confirm your account before you can do this.');
    }
    await store.touchSession(session.tokenHash, now.toISOString());
    request.officer = officer;
    request.session = { ...session, lastUsedAt: now.toISOString() };
    return undefined;
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
    return reply.code(201).send(await sessionResponse(officer, session, token));
  });

  app.post(ORG_PATHS.prelogin, { config: { auth: 'public' } }, async (request, reply) => {
    const parsed = PreloginRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendError(reply, 400, 'invalid', 'Enter an email address.', toWireIssues(parsed.error.issues));
    }
    const officer = await store.officerByEmail(parsed.data.email);
    // Stryker disable next-line StringLiteral: any name gives a stable secret; only its staying the same matters.
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

  // No `config.auth` on these two: unset is an officer's route, confirmed or not (any officer may see and end theirs).
  app.post(ORG_PATHS.signOut, async (request, reply) => {
    await store.endSession(signedIn(request).session, clock().toISOString());
    return reply.code(204).send();
  });

  app.get(ORG_PATHS.me, async (request) => {
    const { officer, session, token } = signedIn(request);
    return sessionResponse(officer, session, token);
  });

  registerDeviceRoutes(app, store, clock);
  registerReportRoutes(app, options.reports, clock, options.alerts);
  registerTeamRoutes(app, store, clock);
  registerLifecycleRoutes(app, options.lifecycle, clock);
};
