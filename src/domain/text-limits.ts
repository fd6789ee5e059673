// Limits on free text, shared by every schema that takes some, and the one sentence that says a text is too long.
// Pure and free of zod, so any runtime (page, worker, server) can read them.

// Limits keep one report well under the server's body limit and stop a stuck key from filling the device.
export const NAME_MAX_CHARS = 200;
export const SHORT_TEXT_MAX_CHARS = 1_000;
export const LONG_TEXT_MAX_CHARS = 20_000;
/** The worker's own reference: a case number or initials, short enough for a list line. */
export const REFERENCE_MAX_CHARS = 40;

// Thousands separated by hand: the message must not depend on the runtime's locale data (server or browser).
const groupThousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "Address must be 1,000 characters or fewer" */
export const tooLong = (what: string, max: number): string =>
  `${what} must be ${groupThousands(max)} characters or fewer`;
