/**
 * CSV (RFC 4180) that is safe to open in a spreadsheet. Numbers are written as they are; text
 * cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return, also after leading spaces) get a leading apostrophe (OWASP's advice for CSV
 * injection), and every cell with a quote, comma, semicolon or line break is quoted.
 */
export type CsvCell = string | number | null | undefined;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value.replace(/\r\n?/g, '\n');
  if (/^[\s]*[=+\-@\t\r]/.test(value)) text = `'${text}`;
  return /[",;\n\r\t]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as a CSV document: CRLF line ends, a header first. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
