import iconv from 'iconv-lite';

/** Shapes of event pages that cost an unguarded importer seconds to hours, or crash it; invented, not corpus text. */

/** A YAML "billion laughs": nine anchors each aliasing the previous one nine times. */
export function yamlAliasBomb(): string {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let level = 1; level < 9; level++) {
    const name = String.fromCharCode(97 + level);
    const previous = String.fromCharCode(96 + level);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
  }
  return `---\ntitle: "Bomb"\ndate: 2026-01-01\n${levels.join('\n')}\n---\n\n## 活动信息\n`;
}

/** Front matter of `bytes` bytes of plain keys: well-formed, only far too large. */
export function oversizedFrontMatter(bytes: number): string {
  const lines: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const line = `key${i}: "${'x'.repeat(60)}"`;
    lines.push(line);
    size += line.length + 1;
  }
  return `---\ntitle: "Big"\ndate: 2026-01-01\n${lines.join('\n')}\n---\n\n## 活动信息\n`;
}

// UTF-8 read as Windows-1252, as a mis-configured pipeline hands it over.
function garble(text: string): string {
  return iconv.decode(Buffer.from(text, 'utf8'), 'win1252');
}

/**
 * A little mojibake, then `ñ`/`ó` followed by ASCII up to about `bytes` bytes: read back as
 * Windows-1252 bytes, each is a four-byte UTF-8 lead with all three continuation bytes lost,
 * a gap that an unbounded repair fills 64³ ways, and enough intact multibyte text that the
 * "mostly damaged" bail-out does not apply.
 */
export function mojibakeGaps(bytes: number): string {
  // Thousands of distinct ideographs, none with a byte Windows-1252 leaves undefined: nearly
  // every continuation byte occurs, so none looks lost throughout.
  const ideographs = Array.from({ length: 4096 }, (_, i) => String.fromCodePoint(0x4e00 + i)).filter(
    (c) => !/[\x81\x8d\x8f\x90\x9d]/.test(Buffer.from(c).toString('latin1')),
  );
  const intact = Array.from({ length: Math.ceil(bytes / 12) }, (_, i) => ideographs[i % ideographs.length]).join('');
  const head = `---\ntitle: "${garble('开源活动')}"\ndate: 2026-01-01\n---\n\n${garble(intact)}\n`;
  const gaps: string[] = [];
  for (let size = Buffer.byteLength(head); size + 5 <= bytes && gaps.length < intact.length - 10; size += 5)
    gaps.push(gaps.length % 2 ? 'ñ a ' : 'ó b ');
  return head + gaps.join('');
}

/** What an invented meetup page says: its number, city, day (in 2026), slides links and speaker line. */
export interface MeetupPage {
  number: number;
  city: string;
  month: number;
  day: number;
  /** Markdown links, one a line, under 资料下载. */
  slides: string[];
  speaker: string;
}

/** An invented event page in the shape of the community's pages (facts made up). */
export function meetupPage({ number, city, month, day, slides, speaker }: MeetupPage): string {
  const mm = String(month).padStart(2, '0');
  return `---
title: "SOFAMeetup #${number} ${city}站"
date: 2026-${mm}-02T10:00:00+08:00
---

## 活动信息

- 活动时间：${mm} 月 ${day} 日 13:30--17:30
- 活动地点：${city}

- **资料下载**：

${slides.map((link) => `  ${link}`).join('\n')}

## 嘉宾

${speaker}
`;
}

/** An invented event page whose talks link slides by schemes a browser would run, and one sound link. */
export function hostileLinksPage(): string {
  return meetupPage({
    number: 96,
    city: '西安',
    month: 7,
    day: 18,
    slides: [
      '[Seata 脚本](javascript:alert(document.cookie))',
      '[MOSN 数据](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[Layotto 大写](JAVASCRIPT:alert(1))',
      '[SOFABoot 相对](//evil.example/slides.pdf)',
      '[Koupleless 正常](https://example.org/files/koupleless.pdf)',
    ],
    speaker: '- 赵小六（花名：六哥），Seata 社区 Committer',
  });
}

/** Lines shaped against the importer's old polynomial patterns: long runs of spaces, `[` and `<td`. */
export function patternTraps(): string {
  const lines = [
    'a' + ' '.repeat(15000) + 'b',
    '# a' + ' '.repeat(15000),
    '['.repeat(15000),
    '<td'.repeat(8000),
    '- 活动时间：' + ' '.repeat(15000) + 'x',
  ];
  return `---\ntitle: "Patterns"\ndate: 2026-08-01\n---\n\n${lines.join('\n')}\n`;
}
