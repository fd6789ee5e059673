// Protocol v1 carried reports in clear and is gone: its report routes answer 410 with a plain sentence, before any
// body is read, whatever the token; guidance and health stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../../src/domain/protocol.ts';
import {
  DEVICE_TOKEN,
  fetchText,
  postReport,
  SECRET_WORDS,
  startServer,
  submission,
  type TestServer,
} from '../fixtures.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('v1 reports', () => {
  it('answers POST /v1/reports with 410 telling the device to update, storing nothing', async () => {
    for (const options of [{}, { token: null }, { body: `{"description": "${SECRET_WORDS}` }]) {
      const response = await postReport(server.url, submission(), options);
      expect(response.status).toBe(410);
      const text = await response.text();
      expect(text).not.toContain(SECRET_WORDS);
      expect(ErrorBodySchema.parse(JSON.parse(text)).error).toMatchObject({
        code: 'gone',
        message: expect.stringMatching(/Update the app/),
      });
    }
    expect(await server.app.sealedReports.sealedCount()).toBe(0);
  });

  it('answers the v1 officer reads with 410 pointing to the inbox, and keeps guidance and health', async () => {
    for (const path of ['/v1/reports', '/v1/reports/6f1c2d8e-0000-4000-8000-000000000000']) {
      const { response, text } = await fetchText(`${server.url}${path}`, {
        headers: { Authorization: `Bearer ${DEVICE_TOKEN}` },
      });
      expect(response.status).toBe(410);
      expect(ErrorBodySchema.parse(JSON.parse(text)).error.message).toMatch(/officer’s inbox/);
    }
    expect((await fetchText(`${server.url}/v1/health`)).response.status).toBe(200);
    expect((await fetchText(`${server.url}/v1/guidance`)).response.status).toBe(200);
  });
});
