// Writes brotli and gzip copies beside every text file of a build, for @fastify/static's `preCompressed`. Never
// changes or removes the originals.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

/** Smaller files gain nothing worth a second copy. */
export const PRECOMPRESS_MIN_BYTES = 1024;
const TEXT_FILE = /\.(js|mjs|css|html|json|svg|webmanifest)$/;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/** Compresses every text file under `dir` of at least PRECOMPRESS_MIN_BYTES; returns the files compressed. */
export const precompressDir = (dir: string): string[] => {
  const done: string[] = [];
  for (const file of filesUnder(dir).filter((f) => TEXT_FILE.test(f))) {
    const bytes = readFileSync(file);
    if (bytes.length < PRECOMPRESS_MIN_BYTES) continue;
    writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
    done.push(file);
  }
  return done;
};
