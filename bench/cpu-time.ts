// CPU time of processes on this machine (Linux /proc): the measured server's, and a local PostgreSQL cluster's (its
// postmaster and every process it started). On a busy machine wall time per request moves with other work; CPU time
// per request hardly does, so it is the figure to compare two versions by. Reads only; returns nothing off Linux.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

const statOf = (pid: number): string[] | undefined => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, inside parentheses).
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
};

/** User + system CPU milliseconds used so far by these processes (ended ones count 0). */
export const cpuMsOf = (pids: readonly number[]): number =>
  pids.reduce((sum, pid) => {
    const fields = statOf(pid);
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    return fields ? sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S : sum;
  }, 0);

const allPids = (): number[] =>
  existsSync('/proc')
    ? readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .map(Number)
    : [];

/** The processes of the PostgreSQL listening on this port on this machine (started with `-p <port>`), or none. */
export const postgresPidsOnPort = (port: number): number[] => {
  const pids = allPids();
  const postmaster = pids.find((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args[0]?.endsWith('/postgres') && args[args.indexOf('-p') + 1] === String(port);
    } catch {
      return false;
    }
  });
  if (postmaster === undefined) return [];
  return [postmaster, ...pids.filter((pid) => statOf(pid)?.[1] === String(postmaster))];
};
