// More officers and the audit log (protocol v2): invite, accept an invite (keys made in the invitee's browser), list,
// confirm (grants sealed in the confirming officer's browser), remove; and read the audit log, newest first. No route
// here, nor anywhere, updates or deletes an audit row. Roles are in each route's `config.auth` (org-routes.ts).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AUDIT_PATHS, AuditLogExportedSchema, type AuditPage, AuditQuerySchema } from '../src/domain/audit-protocol.ts';
import {
  AcceptInviteRequestSchema,
  AcceptInviteResponseSchema,
  ConfirmOfficerRequestSchema,
  INVITE_LIFETIME_MS,
  type Invite,
  InviteDetailsSchema,
  InviteRequestSchema,
  InviteResponseSchema,
  InviteTokenRequestSchema,
  TEAM_PATHS,
  TeamSchema,
} from '../src/domain/team-protocol.ts';
import { sendError, toWireIssues } from './http-errors.ts';
import { hashAuthKey, hashToken, newToken } from './officer-auth.ts';
import type { InviteRecord, OfficerRecord, OrgStore } from './storage/types.ts';
import type { Clock } from './throttle.ts';

const OfficerParamsSchema = z.object({ id: z.string().min(1).max(64) });

const wireInvite = (i: InviteRecord): Invite => ({
  id: i.id,
  name: i.name,
  email: i.email,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
});
const wireOfficer = (o: OfficerRecord) => ({
  id: o.id,
  name: o.name,
  email: o.email,
  confirmed: o.confirmed,
  createdAt: o.createdAt,
});

/** The one sentence for an invite link that no longer works, by why. */
export const INVITE_SENTENCES = {
  used: 'This invite link has already been used. Ask the officer who invited you for a new one.',
  expired: 'This invite link has expired: invites last 7 days. Ask the officer who invited you for a new one.',
  unknown: 'This invite link is not one this server made. Check that you copied the whole link.',
} as const;

const inviteRefused = (reply: FastifyReply, why: keyof typeof INVITE_SENTENCES) =>
  why === 'unknown'
    ? sendError(reply, 404, 'invite-unknown', INVITE_SENTENCES.unknown)
    : sendError(reply, 410, `invite-${why}`, INVITE_SENTENCES[why]);

const noSuchOfficer = (reply: FastifyReply) => sendError(reply, 404, 'not-found', 'There is no such officer.');

/** The confirming officer's browser holds fewer keys than the organisation: one was rotated in after it signed in. */
const keysChanged = (reply: FastifyReply) =>
  sendError(reply, 409, 'keys-changed', 'The organisation has a key these grants miss: sign in again and confirm.');

/** The officer the role hook let through (org-routes.ts): it sets one on every route whose `config.auth` needs one. */
const signedIn = (request: FastifyRequest): OfficerRecord => {
  // Stryker disable next-line ConditionalExpression,StringLiteral: the hook never lets an officer route run without one.
  if (!request.officer) throw new Error('An officer route ran without a signed-in officer.');
  return request.officer;
};

export const registerTeamRoutes = (app: FastifyInstance, store: OrgStore, clock: Clock): void => {
  const now = () => clock().toISOString();

  app.get(TEAM_PATHS.officers, { config: { auth: 'confirmed-officer' } }, async () =>
    TeamSchema.parse({
      officers: (await store.listOfficers()).map((o) => ({ ...wireOfficer(o), publicKey: o.keys.publicKey })),
      invites: (await store.openInvites(now())).map(wireInvite),
    }),
  );

  app.post(TEAM_PATHS.invites, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const parsed = InviteRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      const issues = toWireIssues(parsed.error.issues);
      return sendError(reply, 400, 'invalid', 'Enter the new officer’s name and email address.', issues);
    }
    const { token, tokenHash } = newToken();
    const createdAt = clock();
    const invite: InviteRecord = {
      id: randomUUID(),
      ...parsed.data,
      invitedBy: signedIn(request).id,
      createdAt: createdAt.toISOString(),
      expiresAt: new Date(createdAt.getTime() + INVITE_LIFETIME_MS).toISOString(),
    };
    if ((await store.createInvite(invite, tokenHash)) === 'email-taken') {
      return sendError(reply, 409, 'email-taken', 'An officer with this email address is already in the organisation.');
    }
    return reply.code(201).send(InviteResponseSchema.parse({ invite: wireInvite(invite), token }));
  });

  app.post(TEAM_PATHS.inviteDetails, { config: { auth: 'public' } }, async (request, reply) => {
    const parsed = InviteTokenRequestSchema.safeParse(request.body);
    if (!parsed.success) return inviteRefused(reply, 'unknown');
    const found = await store.inviteByTokenHash(hashToken(parsed.data.token), now());
    const org = await store.organisation();
    if (!found || !org) return inviteRefused(reply, 'unknown');
    if (found.state !== 'open') return inviteRefused(reply, found.state);
    const { name, email, expiresAt } = found.invite;
    return InviteDetailsSchema.parse({ name, email, expiresAt, orgName: org.name });
  });

  app.post(TEAM_PATHS.acceptInvite, { config: { auth: 'public' } }, async (request, reply) => {
    const parsed = AcceptInviteRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendError(
        reply,
        400,
        'invalid',
        'The new account’s details are not valid.',
        toWireIssues(parsed.error.issues),
      );
    }
    const { token, kdf, authKey, keys } = parsed.data;
    const tokenHash = hashToken(token);
    const found = await store.inviteByTokenHash(tokenHash, now());
    if (!found) return inviteRefused(reply, 'unknown');
    // Stryker disable next-line ConditionalExpression: a fast path (no slow hash for a dead link); acceptInvite answers the same.
    if (found.state !== 'open') return inviteRefused(reply, found.state);
    const officer: OfficerRecord = {
      id: randomUUID(),
      name: found.invite.name,
      email: found.invite.email,
      confirmed: false,
      createdAt: now(),
      kdf,
      authHash: await hashAuthKey(authKey),
      keys,
    };
    // The store checks the invite again inside its transaction: of two acceptances racing, one wins.
    const outcome = await store.acceptInvite(tokenHash, officer);
    if (outcome === 'email-taken') {
      return sendError(reply, 409, 'email-taken', 'An officer with this email address is already in the organisation.');
    }
    if (outcome !== 'accepted') return inviteRefused(reply, outcome);
    return reply.code(201).send(AcceptInviteResponseSchema.parse({ officer: wireOfficer(officer) }));
  });

  app.post(`${TEAM_PATHS.officers}/:id/confirm`, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const params = OfficerParamsSchema.safeParse(request.params);
    if (!params.success) return noSuchOfficer(reply);
    const parsed = ConfirmOfficerRequestSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendError(reply, 400, 'invalid', 'The sealed keys are not valid.', toWireIssues(parsed.error.issues));
    }
    // The signing key and keys of this organisation only, once each. Fewer encryption keys than it has means the
    // browser signed in before a rotation: the store checks that in its transaction and answers 'keys-changed'.
    const org = await store.organisation();
    // Stryker disable next-line OptionalChaining,ArrayDeclaration: only a set-up organisation has a confirmed officer.
    const known = new Set(['signing', ...(org?.encryptionKeys ?? []).map((k) => k.kid)]);
    const kids = parsed.data.grants.map((g) => g.kid);
    if (!kids.includes('signing') || new Set(kids).size !== kids.length || !kids.every((k) => known.has(k))) {
      return sendError(reply, 400, 'invalid', 'The sealed keys are not valid.', [
        { path: 'grants', message: 'must hold the signing key and every encryption key once each' },
      ]);
    }
    const outcome = await store.confirmOfficer(params.data.id, parsed.data.grants, signedIn(request).id, now());
    if (outcome === 'keys-changed') return keysChanged(reply);
    if (outcome === 'already-confirmed') {
      return sendError(reply, 409, 'already-confirmed', 'This officer has already been confirmed.');
    }
    // Confirmed, or 'unknown': then no officer has this id and the read below finds none.
    const officer = await store.officerById(params.data.id);
    return officer ? { officer: wireOfficer(officer) } : noSuchOfficer(reply);
  });

  app.post(`${TEAM_PATHS.officers}/:id/remove`, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const params = OfficerParamsSchema.safeParse(request.params);
    if (!params.success) return noSuchOfficer(reply);
    const outcome = await store.removeOfficer(params.data.id, signedIn(request).id, now());
    if (outcome === 'unknown') return noSuchOfficer(reply);
    if (outcome === 'self') {
      return sendError(reply, 403, 'remove-self', 'You cannot remove yourself: ask another officer to do it.');
    }
    if (outcome === 'last-confirmed') {
      return sendError(reply, 403, 'last-officer', 'This is the last confirmed officer, so they cannot be removed.');
    }
    return reply.code(204).send();
  });

  app.get(AUDIT_PATHS.audit, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const query = AuditQuerySchema.safeParse(request.query);
    if (!query.success) {
      return sendError(reply, 400, 'invalid', 'The audit log filter is not valid.', toWireIssues(query.error.issues));
    }
    const page = await store.auditPage(query.data);
    const body: AuditPage = {
      entries: page.rows,
      // Left out of the JSON when there is no next page.
      nextBefore: page.nextBefore,
      officers: await store.officerNames(),
    };
    return body;
  });

  app.post(AUDIT_PATHS.logExported, { config: { auth: 'confirmed-officer' } }, async (request, reply) => {
    const parsed = AuditLogExportedSchema.safeParse(request.body);
    if (!parsed.success) {
      return sendError(reply, 400, 'invalid', 'The export record is not valid.', toWireIssues(parsed.error.issues));
    }
    await store.recordAudit(now(), signedIn(request).id, 'audit-exported', { format: 'csv', rows: parsed.data.rows });
    return reply.code(204).send();
  });
};
