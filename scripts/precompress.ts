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

/** Writes the brotli and gzip copies of one file (of at least PRECOMPRESS_MIN_BYTES); false when it is too small. */
export const precompressFile = (file: string): boolean => {
  const bytes = readFileSync(file);
  if (bytes.length < PRECOMPRESS_MIN_BYTES) return false;
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  return true;
};

/** Compresses every text file under `dir` of at least PRECOMPRESS_MIN_BYTES; returns the files compressed. */
export const precompressDir = (dir: string): string[] =>
  filesUnder(dir).filter((file) => TEXT_FILE.test(file) && precompressFile(file));
