// A QR code drawn as inline SVG elements (no markup string, no inline style, so the strict CSP holds): the
// modules come from uqr; this only lays them out as one path.
import { encode } from 'uqr';

/** Quiet zone around the code, in modules (ISO/IEC 18004 asks for 4; phones cope with 2 on a white card). */
const QUIET_ZONE_MODULES = 4;

/** One path of unit squares, one `M x y h1v1h-1z` per dark module, merged along rows to keep the path short. */
export const qrPath = (modules: boolean[][]): string => {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
};

export const QrCode = ({ text, label }: { text: string; label: string }) => {
  const { data, size } = encode(text, { ecc: 'M', border: QUIET_ZONE_MODULES });
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={qrPath(data)} fill="#000000" />
    </svg>
  );
};
