/**
 * JSON with binary: Arrow IPC bytes travel inside otherwise-JSON payloads over HTTP
 * (the browser host). Electron's structured clone carries Uint8Array natively, so only
 * the HTTP adapter needs this codec.
 */
const BYTES_TAG = '$mwBytes';

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return { [BYTES_TAG]: bytesToBase64(v) };
    return v;
  });
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && BYTES_TAG in v) {
      const encoded = (v as Record<string, unknown>)[BYTES_TAG];
      if (typeof encoded === 'string') return base64ToBytes(encoded);
    }
    return v;
  });
}

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(encoded: string): Uint8Array {
  const binary = atob(encoded);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
