// With logging on, the server's log lines carry requests and outcomes but never a body, a token or a validation value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  DEVICE_TOKEN,
  getJson,
  postReport,
  SECRET_WORDS,
  startServer,
  submission,
  type TestServer,
  validReport,
} from './server-fixtures.ts';

const lines: string[] = [];
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ logger: true, logStream: { write: (line) => lines.push(line) } });
});
afterAll(() => server.close());

describe('logging', () => {
  it('logs each request but no report content and no token, whatever the outcome', async () => {
    const s = submission();
    await postReport(server.url, s);
    await postReport(server.url, s);
    await postReport(server.url, { ...s, report: validReport({ outcome: SECRET_WORDS }) });
    await postReport(server.url, submission(), { body: `{"description": "${SECRET_WORDS}` });
    await postReport(server.url, { ...submission(), report: { ...validReport(), dateHappened: SECRET_WORDS } });
    await postReport(server.url, submission(), { token: `${SECRET_WORDS}-token` });
    await postReport(server.url, submission(), { contentType: 'text/plain', body: SECRET_WORDS });
    await getJson(`${server.url}/v1/reports`, ADMIN_TOKEN);
    await getJson(`${server.url}/v1/reports/${s.id}`, ADMIN_TOKEN);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(18);
    expect(log).toContain('"statusCode":409');
    for (const secret of [SECRET_WORDS, DEVICE_TOKEN, ADMIN_TOKEN, 'A. Worker', 'messages were sent'])
      expect(log).not.toContain(secret);
  });
});
