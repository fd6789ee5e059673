// The one piece of hash-wasm the vault uses, Argon2id, as its own small chunk (WebAssembly inlined as base64).
// Importing only this name lets the build leave the rest of hash-wasm out.
export { argon2id } from 'hash-wasm';
