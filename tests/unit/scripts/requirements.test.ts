import { describe, expect, it } from 'vitest';
import { ensureRequirements, planSetup, type Requirement } from '../../../scripts/requirements.mjs';

const NEEDS: Requirement[] = [
  { path: '/usr/bin/chromium', debianPackage: 'chromium', why: 'browser tests' },
  { path: '/usr/bin/firefox-esr', debianPackage: 'firefox-esr', why: 'browser tests' },
  { path: '/usr/lib/postgresql/15/bin/initdb', debianPackage: 'postgresql', why: 'storage tests' },
  { path: '/usr/lib/postgresql/15/bin/postgres', debianPackage: 'postgresql', why: 'storage tests' },
];
const present =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('what npm test does about missing programs', () => {
  it('does nothing when every program is there', () => {
    const plan = planSetup({ requirements: NEEDS, isPresent: () => true, isRoot: false, hasAptGet: false });
    expect(plan).toMatchObject({ action: 'ready', packages: [], missing: [] });
  });

  it('installs only the missing packages, each once, when root on a machine with apt-get', () => {
    const plan = planSetup({
      requirements: NEEDS,
      isPresent: present('/usr/bin/firefox-esr'),
      isRoot: true,
      hasAptGet: true,
    });
    expect(plan.action).toBe('install');
    expect(plan.packages).toEqual(['chromium', 'postgresql']);
    expect(plan.command).toBe('apt-get update && apt-get install -y chromium postgresql');
  });

  it('stops with the sudo command when not root', () => {
    const plan = planSetup({ requirements: NEEDS, isPresent: present(), isRoot: false, hasAptGet: true });
    expect(plan.action).toBe('ask');
    expect(plan.command).toBe('sudo apt-get update && sudo apt-get install -y chromium firefox-esr postgresql');
  });

  it('stops and names the packages when there is no apt-get, even as root', () => {
    const plan = planSetup({
      requirements: NEEDS,
      isPresent: present('/usr/bin/chromium'),
      isRoot: true,
      hasAptGet: false,
    });
    expect(plan.action).toBe('ask');
    expect(plan.command).toContain('firefox-esr, postgresql');
    expect(plan.command).not.toContain('apt-get');
  });
});

describe('checking this machine', () => {
  it('passes without installing anything when every program is there', () => {
    const said: string[] = [];
    const ok = ensureRequirements({
      requirements: [{ path: process.execPath, debianPackage: 'nodejs', why: 'this test' }],
      log: (line) => said.push(line),
    });
    expect({ ok, said }).toEqual({ ok: true, said: [] });
  });
});
