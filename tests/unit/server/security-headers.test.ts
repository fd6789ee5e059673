// The security headers of the app and its API (server/security-headers.ts) as the real server sends them: the whole
// Content-Security-Policy written out (a change to it must be made here on purpose), the other helmet headers, the
// Permissions-Policy, and CORS for the API's paths only, preflight and actual request.
import { afterEach, describe, expect, it } from 'vitest';
import { CORS_MAX_AGE_S, contentSecurityPolicy, PERMISSIONS_POLICY } from '../../../server/security-headers.ts';
import { startServer, type TestServer } from '../fixtures.ts';

const POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self' https: http://127.0.0.1:* http://localhost:*; manifest-src 'self'; " +
  "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('contentSecurityPolicy', () => {
  it('is the whole policy, in order, and leaves out what the build’s meta tag cannot carry', () => {
    expect(contentSecurityPolicy()).toBe(POLICY);
    expect(contentSecurityPolicy(['frame-ancestors'])).toBe(POLICY.replace("; frame-ancestors 'none'", ''));
    expect(contentSecurityPolicy(['default-src', 'base-uri'])).toBe(
      POLICY.replace("default-src 'self'; ", '').replace("base-uri 'none'; ", ''),
    );
  });
});

describe('security headers on the real server', () => {
  it.each(['/v1/health', '/v2/health', '/no-such-page'])(
    'sends the policy and the helmet headers on %s',
    async (path) => {
      server = await startServer();
      const response = await fetch(`${server.url}${path}`);
      await response.text();
      // helmet joins the directives with ';' and no space.
      expect(response.headers.get('content-security-policy')).toBe(POLICY.replaceAll('; ', ';'));
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(response.headers.get('permissions-policy')).toBe(PERMISSIONS_POLICY);
      expect(PERMISSIONS_POLICY).toBe('camera=(), microphone=(), geolocation=(), interest-cohort=()');
    },
  );
});

describe('CORS', () => {
  const preflight = (path: string) =>
    fetch(`${server?.url}${path}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.org',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
      },
    });

  it.each(['/v1/reports', '/v2/reports'])('answers a preflight for %s from any origin', async (path) => {
    server = await startServer();
    const response = await preflight(path);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'Authorization, Content-Type, Idempotency-Key, If-None-Match',
    );
    expect(response.headers.get('access-control-max-age')).toBe(String(CORS_MAX_AGE_S));
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets a page on another origin read the API’s answers and their ETag and Retry-After', async () => {
    server = await startServer();
    const response = await fetch(`${server.url}/v1/health`, { headers: { Origin: 'https://app.example.org' } });
    await response.text();
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe('ETag, Retry-After');
  });

  it.each(['/', '/officer/', '/v3/reports', '/api/v1/'])('gives no CORS headers outside the API (%s)', async (path) => {
    server = await startServer();
    const response = await preflight(path);
    await response.text();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${server.url}${path}`, { headers: { Origin: 'https://app.example.org' } });
    await get.text();
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });
});
