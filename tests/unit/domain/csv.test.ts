// CSV cells and files: RFC 4180 quoting and line ends, and no cell a spreadsheet would run as a formula.
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/domain/csv.ts';

describe('csvCell defuses formulas (a leading single quote)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['=1', "'=1"],
    ['  =1+1', "'  =1+1"],
    [' @SUM(A1)', "' @SUM(A1)"],
    ['\n=1', `"'\n=1"`],
  ])('%j becomes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each(['1+1', ' 1+1', 'a=b', 'Plain words', 'x-y', 'mail@example.org', '2026-03-27', ''])(
    'leaves %j alone (the risky characters are only dangerous at the start)',
    (input) => {
      expect(csvCell(input)).toBe(input);
    },
  );
});

describe('csvCell quotes as RFC 4180 asks', () => {
  it.each([
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line one\nline two', '"line one\nline two"'],
    ['line one\r\nline two', '"line one\r\nline two"'],
    ['"', '""""'],
    ['no quotes needed', 'no quotes needed'],
  ])('%j becomes %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('writes the header then each row, every line ended by CRLF', () => {
    expect(
      toCsv(
        ['Name', 'Note'],
        [
          ['A', 'x, y'],
          ['B', '=cmd'],
        ],
      ),
    ).toBe('Name,Note\r\nA,"x, y"\r\nB,\'=cmd\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(['One', 'Two'], [])).toBe('One,Two\r\n');
  });
});
