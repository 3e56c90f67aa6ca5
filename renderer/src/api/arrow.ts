import { tableFromIPC } from 'apache-arrow';

/** Decodes Arrow IPC bytes from the engine into plain rows (BIGINT as number, for the grid). */
export function arrowRows(bytes: Uint8Array): Record<string, unknown>[] {
  const table = tableFromIPC(bytes);
  return table.toArray().map((row: { toJSON(): Record<string, unknown> }) => {
    const out = row.toJSON();
    for (const [k, v] of Object.entries(out)) if (typeof v === 'bigint') out[k] = Number(v);
    return out;
  });
}
