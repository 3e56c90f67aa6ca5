export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
}

/** Parses electronegativity's CSV report (quoted fields, a header line). */
export function parseFindings(csv: string): Finding[] {
  const rows = csv
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0)
    .slice(1);
  return rows.map((line) => {
    const cells = splitCsvLine(line);
    return {
      issue: cells[0] ?? '',
      severity: cells[1] ?? '',
      confidence: cells[2] ?? '',
      file: cells[3] ?? '',
      location: cells[4] ?? '',
      description: cells[6] ?? '',
    };
  });
}

export function blockingFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(current.trim());
      current = '';
    } else current += ch;
  }
  cells.push(current.trim());
  return cells;
}
