import { readdirSync } from 'fs';
import { describe, expect, it } from 'vitest';
import { repairEncoding } from '../../src/ingest/encoding-repair';
import { activityPath, corpusPath, CORPUS_MISSING, hasCorpus, readCorpus, SHARED } from '../helpers/corpus';

const garble = (text: string) =>
  Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => WIN1252_FOR_C1[c] ?? c);
// The characters Windows-1252 shows for bytes 0x80–0x9F (undefined ones stay as C1 controls).
const WIN1252_FOR_C1: Record<string, string> = Object.fromEntries(
  [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'].map((c, i) => [String.fromCharCode(0x80 + i), c]),
);

describe('repairEncoding', () => {
  it('passes clean UTF-8 through unchanged', () => {
    const text = '活动时间：04 月 20 日，café, naïve — “quotes”';
    expect(repairEncoding(text)).toEqual({ text, report: { encoding: 'utf-8', repaired: false, uncertain: [], error: null } });
  });

  it('repairs UTF-8 that was read as Windows-1252', () => {
    const { text, report } = repairEncoding(garble('活动形式：线下 Meetup + 线上直播'));
    expect(text).toBe('活动形式：线下 Meetup + 线上直播');
    expect(report).toMatchObject({ encoding: 'utf-8-read-as-windows-1252', repaired: true, error: null });
  });

  it('fills a lost byte from a known name and reports nothing uncertain there', () => {
    const damaged = garble('嘉宾：胡子杰').replace('\u00ad\u0090', '').replace('\u009d', '');
    const { text } = repairEncoding(damaged, { knownWords: ['胡子杰'] });
    expect(text).toBe('嘉宾：胡子杰');
  });

  it('fills a lost byte from the same word intact in a percent-encoded URL', () => {
    const url = `[slides](https://x.test/${encodeURIComponent('六周年分享')}.pdf)`;
    const damaged = garble('SOFA 六周年').replace('\u00ad', '');
    expect(repairEncoding(`${damaged} ${garble('开源社区')} ${url}`).text.startsWith('SOFA 六周年')).toBe(true);
  });

  it('lists every character it had to guess with its line and alternatives', () => {
    const damaged = garble('第一行\n这是一个句子').replace(/\u009d|\u00ad/g, '');
    const { report } = repairEncoding(damaged);
    for (const u of report.uncertain) {
      expect(u.line).toBeGreaterThan(0);
      expect(u.alternatives.length).toBeGreaterThan(0);
    }
  });

  it('reports text that looks garbled but cannot be repaired as an error', () => {
    const { report } = repairEncoding('Ã© Ã¨ Ã  Ã¢ å æ ç è é å æ ç ä å');
    expect(report.error).toMatch(/damaged beyond repair/);
  });
});

describe.skipIf(!hasCorpus)('repairEncoding on the corpus', () => {
  it('leaves every clean corpus page unchanged', () => {
    const root = `${SHARED}/corpus/sofastack.tech/content/zh/activities`;
    for (const folder of readdirSync(root).filter((f) => !f.endsWith('.md'))) {
      const text = readCorpus(activityPath(folder)).toString('utf8');
      expect(repairEncoding(text).text, folder).toBe(text);
    }
  });

  it('recovers the seed page, names included, given the names the database knows', () => {
    const seed = readCorpus(corpusPath('seed/000_ef0176cff81b1af2.txt')).toString('utf8');
    const { text, report } = repairEncoding(seed, { knownWords: ['胡子杰'] });
    expect(text).toContain('title: "SOFA 六周年，Hello SOFA World"');
    expect(text).toContain('- 活动时间：04 月 20 日 13:30--18:00');
    expect(text).toContain('- 活动形式：线下 Meetup + 线上直播');
    for (const line of [
      '王特（花名：亦夏）',
      '赵真灵（花名：有济）',
      '马振军（花名：古今）',
      '朱德江（花名：人德）',
      '胡子杰（花名：致节）',
      '杜鑫，中国电子云技术专家、MOSN 社区开发者',
    ]) {
      expect(text).toContain(line);
    }
    expect(report.repaired).toBe(true);
    expect(report.uncertain.length).toBeGreaterThan(0);
  });
});

if (!hasCorpus) console.warn(CORPUS_MISSING);
