import { stripTags, trimWhere } from '../../inline-markup';
import { HOUSEKEEPING_TITLES, HOUSEKEEPING_WORDS, mentionsAny, PANEL_WORDS } from './labels';

/**
 * Rows and headings of an agenda that are not talks: sign-in, host openings, breaks, draws;
 * in Chinese and, for the English editions of the same pages, in English.
 */
const NOT_A_TALK =
  /签到|入场|茶歇|休息|午休|抽奖|主持人?开场|^开场|主持人$|互动交流|自由交流|合影|午餐|晚餐|晚宴|周年环节|致辞|闭幕|欢迎词|^Q\s*&\s*A$|^问答/i;
const NOT_A_TALK_EN =
  /^(lunch|dinner)\b|\b(coffee|tea) break\b|^break$|\b(check|sign)[ -]in\b|^registration$|^opening (speech|remarks)\b|^closing( remarks)?$|^welcome( speech| remarks)?$/i;

/** Whether an agenda entry is housekeeping rather than a talk. */
export function isHousekeeping(title: string): boolean {
  const text = title.trim();
  const whole = trimWhere(text, (c) => /[\s:：。.!！]/.test(c), 'end').toLowerCase();
  const listed = mentionsAny(text, HOUSEKEEPING_WORDS) || HOUSEKEEPING_TITLES.some((t) => t.toLowerCase() === whole);
  return listed || NOT_A_TALK.test(text) || NOT_A_TALK_EN.test(text) || celebration(text);
}

// "庆祝…环节" by hand: as `庆祝.*环节` it rescanned the rest of the title from every 庆祝.
function celebration(text: string): boolean {
  const at = text.indexOf('庆祝');
  const end = at < 0 ? -1 : text.indexOf('环节', at + 2);
  return end >= 0 && !/[\n\r\u2028\u2029]/.test(text.slice(at, end));
}

/** Link texts that say "download" rather than naming the talk. */
const GENERIC_LINK = /^(点击|点我|下载|获取|链接|查看|戳这里|请戳|PPT|slides?|here|资料)|^待.*更新$/i;

/** Whether a link text is a generic "click here" rather than a title. */
export function isGenericLinkText(text: string): boolean {
  return text.trim() === '' || GENERIC_LINK.test(text.trim());
}

const QUOTES = '"“”\'‘’';

/**
 * Cleans a talk title as pages write it: markup, book-title marks 《》, quotes, a trailing
 * "下载链接", leading list numbering such as "一、" or "| ".
 */
export function cleanTalkTitle(raw: string): string {
  let title = stripTags(raw)
    .replace(/[*_`]+/g, '')
    .replace(/下载链接\s*$/, '')
    .replace(/^[\s|>]+/, '')
    .replace(/^[一二三四五六七八九十]+、\s*/, '')
    .replace(/^[A-Za-z]+\s*#\s*\d+\s*[:：]\s*/, '')
    .trim();
  const quoted = /^《(.+)》$/.exec(title);
  if (quoted && !quoted[1].includes('《')) title = quoted[1];
  return trimWhere(title, (c) => QUOTES.includes(c))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Normalizes a title for comparison: no marks, no spaces, no punctuation, lower case. */
export function titleKey(title: string): string {
  return cleanTalkTitle(title)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Similarity of two titles as the Dice coefficient of their character bigrams. */
export function titleSimilarity(a: string, b: string): number {
  const [x, y] = [titleKey(a), titleKey(b)];
  if (!x || !y) return 0;
  if (x === y || x.includes(y) || y.includes(x)) return 1;
  const grams = (s: string) => {
    const chars = [...s];
    return new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]));
  };
  const [gx, gy] = [grams(x), grams(y)];
  const shared = [...gx].filter((g) => gy.has(g)).length;
  return (2 * shared) / (gx.size + gy.size || 1);
}

// How long a panel label before a title may be ("圆桌环节", "圆桌讨论", "Panel").
const PANEL_LABEL_LENGTH = 8;
const PANEL_LABEL_END = '-–—:：|《';

/**
 * A title that opens with a panel label before a 《title》 ("圆桌环节-《Title》", "Panel:《Title》"):
 * the label makes the talk a panel and is no part of its title. Read by hand, one pass.
 */
export function panelLabelled(title: string): { title: string; panel: boolean } | null {
  const text = title.trim();
  let end = 0;
  while (end < text.length && end <= PANEL_LABEL_LENGTH && !PANEL_LABEL_END.includes(text[end])) end++;
  const label = text.slice(0, end).trim();
  if (end >= text.length || end > PANEL_LABEL_LENGTH || !PANEL_WORDS.some((w) => label.startsWith(w))) return null;
  // Only a 《title》 after the label parts them for sure: "圆桌：未来" may be the whole title.
  const quoted = trimWhere(text.slice(end), (c) => '-–—:：| '.includes(c), 'start');
  if (!quoted.startsWith('《') || !quoted.endsWith('》') || quoted.indexOf('《', 1) >= 0) return null;
  const rest = cleanTalkTitle(quoted);
  return rest ? { title: rest, panel: true } : null;
}
