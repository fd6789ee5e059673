import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { qrPath } from '../../../src/officer/QrCode.tsx';

/** Paints the path back onto a grid: each `M x y h n v1 h -n z` is a run of n dark modules. */
const paint = (path: string, size: number): boolean[][] => {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, n] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(n); i++) (grid[Number(y)] as boolean[])[Number(x) + i] = true;
  }
  return grid;
};

describe('the QR code path', () => {
  it('draws exactly the dark modules, merged into runs along each row', () => {
    const modules = [
      [true, true, false, true],
      [false, false, false, false],
      [true, false, true, true],
    ];
    expect(qrPath(modules)).toBe('M0 0h2v1h-2zM3 0h1v1h-1zM0 2h1v1h-1zM2 2h2v1h-2z');
  });

  it('reproduces a real enrolment-sized code module for module, quiet zone included', () => {
    const link = `https://safevisit.example.org/#enrol=${'eyJ2IjoxLCJlbmRwb2ludCI6Imh0dHBzOi8v'.repeat(7)}`;
    const { data, size } = encode(link, { ecc: 'M', border: 4 });
    expect(paint(qrPath(data), size)).toEqual(data);
    // The quiet zone is light and the top-left finder pattern starts right after it.
    expect(data[0]?.some(Boolean)).toBe(false);
    expect(data[4]?.slice(4, 11).every(Boolean)).toBe(true);
  });
});
