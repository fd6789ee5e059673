// More officers on the wire: invites (a one-time link, `<origin>/officer/#invite=<token>`), accepting one with keys
// made in the invitee's browser, the officers list, confirming (grants sealed in the confirming officer's browser)
// and removing. Pure zod schemas, shared with server/; the server only ever sees public keys and sealed values.
import { z } from 'zod';
import {
  AuthKeySchema,
  Base64UrlSchema,
  EmailSchema,
  OfficerKdfSchema,
  OfficerKeysSchema,
  OfficerSchema,
  OrgNameSchema,
  PersonNameSchema,
  SealedGrantSchema,
} from './org-protocol.ts';

export const TEAM_PATHS = {
  officers: '/v2/officer/officers',
  invites: '/v2/officer/invites',
  /** Public: what an invite token is for (POST, so the token never sits in a URL or a log). */
  inviteDetails: '/v2/officer/invite-details',
  acceptInvite: '/v2/officer/accept-invite',
  confirm: (id: string) => `/v2/officer/officers/${encodeURIComponent(id)}/confirm`,
  remove: (id: string) => `/v2/officer/officers/${encodeURIComponent(id)}/remove`,
} as const;

/** An invite link works this long, once. */
export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const INVITE_FRAGMENT_PREFIX = '#invite=';

const InviteTokenSchema = Base64UrlSchema.length(43);
const isoDateTime = z.iso.datetime({ offset: true });

export const InviteRequestSchema = z.strictObject({ name: PersonNameSchema, email: EmailSchema });

export const InviteSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: PersonNameSchema,
  email: EmailSchema,
  createdAt: isoDateTime,
  expiresAt: isoDateTime,
});
export type Invite = z.infer<typeof InviteSchema>;

/** `POST /v2/officer/invites`: the invite and its token, shown once (the server keeps only its hash). */
export const InviteResponseSchema = z.strictObject({ invite: InviteSchema, token: InviteTokenSchema });

export const InviteTokenRequestSchema = z.strictObject({ token: InviteTokenSchema });
export const InviteDetailsSchema = z.strictObject({
  name: PersonNameSchema,
  email: EmailSchema,
  orgName: OrgNameSchema,
  expiresAt: isoDateTime,
});
export type InviteDetails = z.infer<typeof InviteDetailsSchema>;

/** The invitee's passphrase-derived authentication key and their key pair, both made in their browser. */
export const AcceptInviteRequestSchema = z.strictObject({
  token: InviteTokenSchema,
  kdf: OfficerKdfSchema,
  authKey: AuthKeySchema,
  keys: OfficerKeysSchema,
});
export type AcceptInviteRequest = z.infer<typeof AcceptInviteRequestSchema>;
export const AcceptInviteResponseSchema = z.strictObject({ officer: OfficerSchema });

/** An officer as colleagues see them: the public key, so a confirming officer can seal grants to it. */
export const TeamMemberSchema = OfficerSchema.extend({ publicKey: Base64UrlSchema.length(87) });
export type TeamMember = z.infer<typeof TeamMemberSchema>;

/** Officers (confirmed and waiting), oldest first, and invites not yet accepted and not expired. */
export const TeamSchema = z.strictObject({
  officers: z.array(TeamMemberSchema),
  invites: z.array(InviteSchema),
});
export type Team = z.infer<typeof TeamSchema>;

export const ConfirmOfficerRequestSchema = z.strictObject({ grants: z.array(SealedGrantSchema).min(2).max(50) });

/** The link the invitee opens: the token only in the fragment, never sent to a server by the browser. */
export const inviteLink = (origin: string, token: string): string =>
  `${origin}/officer/${INVITE_FRAGMENT_PREFIX}${token}`;

/** The token of an invite link's fragment (`#invite=<token>`), or undefined when the fragment is not one. */
export const inviteTokenOf = (hash: string): string | undefined => {
  if (!hash.startsWith(INVITE_FRAGMENT_PREFIX)) return undefined;
  const token = hash.slice(INVITE_FRAGMENT_PREFIX.length);
  return InviteTokenSchema.safeParse(token).success ? token : undefined;
};
