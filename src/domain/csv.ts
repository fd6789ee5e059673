// CSV text (RFC 4180) that is safe to open in a spreadsheet: quoting, CRLF line ends, and no cell that a
// spreadsheet would run as a formula. Pure; it never decides which columns a file has.

/**
 * A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and Google Sheets; some
 * spreadsheets trim leading white space on import, so `=` after spaces or a line break counts too.
 */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;

/** RFC 4180 needs quotes around a field holding a comma, a quote or a line break. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell: a formula-like start is defused with a leading single quote (OWASP "CSV injection"), then the cell is
 * quoted, with quotes doubled, when RFC 4180 asks for it.
 */
export const csvCell = (value: string): string => {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** A whole file: a header row, then one row per record, each line ended by CRLF. */
export const toCsv = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
