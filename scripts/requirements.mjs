// What the tests need on this machine, as data: each program by its path and the Debian package that provides it.
// Decides whether `npm test` installs what is missing or stops with the command to run; never installs off Debian.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { CHROMIUM_PATH } from './chromium.mjs';

/** One line per program the tests run, with the Debian package that installs it. */
export const REQUIREMENTS = [
  { path: CHROMIUM_PATH, debianPackage: 'chromium', why: 'browser tests (Chromium)' },
  { path: '/usr/bin/firefox-esr', debianPackage: 'firefox-esr', why: 'browser tests (Firefox), issue 16' },
  { path: '/usr/bin/WebKitWebDriver', debianPackage: 'webkit2gtk-driver', why: 'browser tests (WebKit), issue 16' },
  { path: '/usr/bin/xvfb-run', debianPackage: 'xvfb', why: 'a display for WebKit, issue 16' },
  {
    path: '/usr/lib/postgresql/15/bin/initdb',
    debianPackage: 'postgresql',
    why: 'storage tests on PostgreSQL',
    // Not needed when the storage tests use the developer's own PostgreSQL (README, "Storage tests").
    unlessEnv: 'SAFEVISIT_TEST_DATABASE_URL',
  },
  {
    path: '/usr/lib/postgresql/15/bin/postgres',
    debianPackage: 'postgresql',
    why: 'storage tests on PostgreSQL',
    // Not needed when the storage tests use the developer's own PostgreSQL (README, "Storage tests").
    unlessEnv: 'SAFEVISIT_TEST_DATABASE_URL',
  },
];

const APT_GET = '/usr/bin/apt-get';

const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The decision, pure: nothing missing -> 'ready'; missing and allowed to install (root with apt-get) -> 'install';
 * otherwise 'ask', with the exact command for the user. Packages are listed once each, in the list's order.
 */
export const planSetup = ({ requirements, isPresent, isRoot, hasAptGet }) => {
  const missing = requirements.filter((r) => !isPresent(r.path));
  const packages = [...new Set(missing.map((r) => r.debianPackage))];
  if (packages.length === 0) return { action: 'ready', missing, packages, command: '' };
  const install = `apt-get install -y ${packages.join(' ')}`;
  if (isRoot && hasAptGet) return { action: 'install', missing, packages, command: `apt-get update && ${install}` };
  const command = hasAptGet
    ? `sudo apt-get update && sudo ${install}`
    : `install ${packages.join(', ')} (Debian package names)`;
  return { action: 'ask', missing, packages, command };
};

/** Checks this machine, installs what is missing when it may, and returns false (after saying what to run) if not. */
export const ensureRequirements = ({ requirements = REQUIREMENTS, log = console.log } = {}) => {
  // A requirement with `unlessEnv` is not needed when that variable is set (the developer's own PostgreSQL).
  requirements = requirements.filter((r) => !(r.unlessEnv && process.env[r.unlessEnv]));
  const plan = planSetup({
    requirements,
    isPresent: isExecutable,
    isRoot: process.getuid?.() === 0,
    hasAptGet: isExecutable(APT_GET),
  });
  if (plan.action === 'ready') return true;
  const what = plan.missing.map((r) => `  ${r.path} (${r.debianPackage}): ${r.why}`).join('\n');
  if (plan.action === 'ask') {
    log(
      `The tests need programs this machine does not have:\n${what}\nInstall them, then run npm test again:\n  ${plan.command}`,
    );
    return false;
  }
  log(`Installing what the tests need:\n${what}\n  ${plan.command}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync(APT_GET, args, { stdio: 'inherit', env }).status === 0;
  if (!apt(['update', '-qq']) || !apt(['install', '-y', '-qq', ...plan.packages])) {
    log(`Installing failed; run it yourself and look at its output:\n  ${plan.command}`);
    return false;
  }
  const still = requirements.filter((r) => !isExecutable(r.path));
  if (still.length > 0) log(`Still missing after installing: ${still.map((r) => r.path).join(', ')}`);
  return still.length === 0;
};
