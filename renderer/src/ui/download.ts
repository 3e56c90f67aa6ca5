/** Saves text or a data URL as a file through the browser's (or Electron's) download flow. */
export function downloadText(filename: string, text: string, mime = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  try {
    clickDownload(filename, url);
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** Saves binary content (e.g. a Parquet export) as a file. */
export function downloadBytes(filename: string, bytes: Uint8Array, mime = 'application/vnd.apache.parquet'): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }));
  try {
    clickDownload(filename, url);
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export function downloadDataUrl(filename: string, dataUrl: string): void {
  clickDownload(filename, dataUrl);
}

function clickDownload(filename: string, href: string): void {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = filename;
  anchor.rel = 'noopener';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}

/** File-name-safe slug with a date: "campaign-performance-2026-11-24". */
export function exportName(base: string, ext: string): string {
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'export'}-${new Date().toISOString().slice(0, 10)}.${ext}`;
}
