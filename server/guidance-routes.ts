// Signed guidance (protocol v2): `GET /v2/guidance` serves the newest pack an officer published, as their browser
// signed it; `POST /v2/officer/guidance` (a confirmed officer) stores one after checking its signature against the
// organisation's signing key. The server never signs: it holds no private key. Roles are in `config.auth` (org-routes.ts).
import { createHash, verify } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parseGuidancePack } from '../src/domain/guidance.ts';
import { canonicalJson } from '../src/domain/protocol.ts';
import {
  GUIDANCE_PATHS,
  guidanceStatement,
  type PublishedGuidanceInfo,
  type SignedGuidance,
  SignedGuidanceSchema,
} from '../src/domain/signed-guidance.ts';
import { matchesIfNoneMatch } from './guidance.ts';
import { sendError, toWireIssues } from './http-errors.ts';
import type { GuidanceStore, OfficerRecord, OrgStore } from './storage/types.ts';
import type { Clock } from './throttle.ts';

/** A signed pack may be larger than a report (the bundled one is about 160 KB): room for a service's own articles. */
export const GUIDANCE_MAX_BYTES = 1024 * 1024;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

/** True when `signed` carries a good ECDSA P-256 / SHA-256 signature (r || s) by the SPKI key `signingKey`. */
export const signatureHolds = (signed: SignedGuidance, signingKey: string): boolean => {
  try {
    return verify(
      'sha256',
      Buffer.from(guidanceStatement(signed)),
      { key: Buffer.from(signingKey, 'base64url'), format: 'der', type: 'spki', dsaEncoding: 'ieee-p1363' },
      Buffer.from(signed.signature, 'base64url'),
    );
  } catch {
    return false;
  }
};

export const registerGuidanceRoutes = (app: FastifyInstance, store: OrgStore & GuidanceStore, clock: Clock): void => {
  // Public like v1's: published guidance, not personal data. Before any publication there is nothing signed to serve,
  // and the device keeps the pack it has (the unsigned built pack stays on v1 only, for older apps).
  app.get(GUIDANCE_PATHS.published, { config: { auth: 'public' } }, async (request, reply) => {
    const published = await store.publishedGuidance();
    if (!published) {
      return sendError(
        reply,
        404,
        'not-published',
        'No guidance has been published by this organisation yet; devices keep the guidance they have.',
      );
    }
    reply.header('ETag', published.etag);
    if (matchesIfNoneMatch(request.headers['if-none-match'], published.etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(published.body);
  });

  app.post(
    GUIDANCE_PATHS.publish,
    { config: { auth: 'confirmed-officer' }, bodyLimit: GUIDANCE_MAX_BYTES },
    async (request, reply) => {
      // The auth hook has answered 401 or 403 when there is no confirmed officer.
      const officer = request.officer as OfficerRecord;
      const parsed = SignedGuidanceSchema.safeParse(request.body);
      if (!parsed.success) {
        return sendError(
          reply,
          400,
          'invalid',
          'This is not a signed guidance pack.',
          toWireIssues(parsed.error.issues),
        );
      }
      const signed = parsed.data;
      const org = await store.organisation();
      // Stryker disable next-line ConditionalExpression,StringLiteral: a confirmed officer exists only once the organisation is set up.
      if (!org) return sendError(reply, 404, 'not-found', 'This server has no organisation yet.');
      const fingerprint = sha256(Buffer.from(org.signingKey, 'base64url')).toString('base64url');
      if (signed.organisation !== fingerprint) {
        return sendError(reply, 400, 'other-organisation', 'This guidance was signed for another organisation.');
      }
      if (!signatureHolds(signed, org.signingKey)) {
        return sendError(
          reply,
          400,
          'bad-signature',
          'The guidance’s signature does not check against the organisation’s signing key, so it was not published.',
        );
      }
      const pack = parseGuidancePack(signed.pack);
      if (!pack.ok) {
        return sendError(
          reply,
          400,
          'invalid',
          'The guidance pack did not pass the checks, so it was not published.',
          pack.issues.slice(0, 50).map((issue) => {
            // Stryker disable next-line StringLiteral: split always gives a first element; the default only types it.
            const [path = '', ...message] = issue.split(': ');
            return { path, message: message.join(': ') };
          }),
        );
      }
      const body = canonicalJson(signed);
      const publication = {
        body,
        etag: `"${createHash('sha256').update(body).digest('hex')}"`,
        version: pack.pack.version,
        publishedAt: clock().toISOString(),
        publishedBy: officer.id,
      };
      await store.publishGuidance(publication);
      const answer: PublishedGuidanceInfo = {
        version: publication.version,
        publishedAt: publication.publishedAt,
        etag: publication.etag,
      };
      return reply.code(201).send(answer);
    },
  );
};
