/**
 * A bytea column as a Buffer: the pg driver returns a Buffer, PGlite a Uint8Array, and code
 * comparing hashes must not care which engine served it.
 */
export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError("expected a bytea value");
}
