// With logging on, the server's log lines carry requests and outcomes but never a body, a token or a validation value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEALED_PATHS } from '../../../src/domain/sealed-protocol.ts';
import { postSealed, SECRET_WORDS, type SealedServer, sealedSubmission, send, startSealedServer } from '../fixtures.ts';

const lines: string[] = [];
let server: SealedServer;

beforeAll(async () => {
  server = await startSealedServer({ logger: true, logStream: { write: (line) => lines.push(line) } });
});
afterAll(() => server.close());

describe('logging', () => {
  it('logs each request but no envelope and no token, whatever the outcome', async () => {
    const s = await sealedSubmission(server.org, { words: SECRET_WORDS });
    await postSealed(server, s);
    await postSealed(server, s);
    await postSealed(server, { ...s, urgency: 'soon' });
    await postSealed(server, s, { body: `{"ciphertext": "${SECRET_WORDS}` });
    await postSealed(server, { ...s, enc: SECRET_WORDS });
    await postSealed(server, s, { token: `${SECRET_WORDS}-token` });
    await postSealed(server, s, { contentType: 'text/plain', body: SECRET_WORDS });
    await send(server.url, SEALED_PATHS.inbox, { token: server.session.token });
    await send(server.url, SEALED_PATHS.report(s.id), { token: server.session.token });

    const log = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(18);
    expect(log).toContain('"statusCode":409');
    for (const secret of [SECRET_WORDS, server.deviceToken, server.session.token, s.ciphertext.slice(0, 40), s.enc])
      expect(log).not.toContain(secret);
  });
});
