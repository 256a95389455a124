import { EventFormatValue, EventLinkFact, EventLinkKindValue } from './event-facts';
import type { PageBlock } from './sources/hugo-event-page/page-blocks';

/** Reads how an event was held from its 活动形式 text. */
export function readFormat(text: string | undefined): EventFormatValue | null {
  if (!text) return null;
  const offline = /线下|现场|offline/i.test(text);
  const online = /线上|直播|online|live/i.test(text);
  if (offline && online) return 'HYBRID';
  return offline ? 'OFFLINE' : online ? 'ONLINE' : null;
}

const CITIES = [
  '北京',
  '上海',
  '杭州',
  '深圳',
  '广州',
  '成都',
  '南京',
  '武汉',
  '西安',
  '苏州',
  '厦门',
  '合肥',
  '重庆',
  '天津',
  '长沙',
  '郑州',
  '青岛',
  '大连',
  '济南',
  '福州',
  '昆明',
  '香港',
  '台北',
  '新加坡',
];

/** Finds the first known city named in any of the texts, in order. */
export function readCity(...texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    if (!text) continue;
    const hits = CITIES.map((city) => ({ city, at: text.indexOf(city) })).filter((h) => h.at >= 0);
    if (hits.length) return hits.sort((a, b) => a.at - b.at)[0].city;
  }
  return null;
}

const VENUE_WORD = /空间|中心|大厦|酒店|园区|科技园|会馆|展馆|会议室|厅|大楼|广场|书店|咖啡|路\s*\d+\s*号/;

/**
 * Reads the venue: the 活动地点 text when there is one, otherwise a place named right after
 * the city in prose ("在上海 S 空间与…").
 */
export function readVenue(place: string | undefined, city: string | null, prose: string): string | null {
  if (place) return place.replace(/^\s*(中国)?/, '').trim() || null;
  if (!city) return null;
  const match = new RegExp(`在${city}\\s*([^，。,\\n]{0,20}?(?:${VENUE_WORD.source}))`).exec(prose);
  return match ? match[1].trim() : null;
}

const LINK_KINDS: [RegExp, EventLinkKindValue][] = [
  [/回放|回看|视频回顾|直播视频|录像|replay/i, 'REPLAY'],
  [/直播间|直播地址|观看直播|livestream/i, 'LIVESTREAM'],
  [/相册|照片|photo/i, 'PHOTO_ALBUM'],
  [/回顾文章|活动回顾|recap/i, 'RECAP'],
  [/报名|register/i, 'REGISTRATION'],
];

/** Reads the livestream, replay, album, recap and registration links of a page from its blocks. */
export function readEventLinks(blocks: readonly PageBlock[]): EventLinkFact[] {
  const links: EventLinkFact[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') continue;
    for (const link of block.links) {
      if (!/^https?:/.test(link.url)) continue;
      const said = `${block.text.slice(0, Math.max(0, block.text.indexOf(link.text)))} ${link.text}`;
      const kind = LINK_KINDS.find(([re]) => re.test(said))?.[1] ?? LINK_KINDS.find(([re]) => re.test(block.section))?.[1];
      if (kind && !/\.pdf$/i.test(link.url) && !links.some((l) => l.url === link.url && l.kind === kind)) {
        links.push({ kind, url: link.url, title: link.text || null });
      }
    }
  }
  return links;
}

/** Reads the series of an event from its categories, tags and title. */
export function readSeries(categories: unknown, title: string, community: string): string | null {
  const list = (Array.isArray(categories) ? categories : [categories]).filter((c): c is string => typeof c === 'string' && c.trim() !== '');
  const generic = (c: string) => c.toLowerCase() === community.toLowerCase() || /^sofa$/i.test(c);
  const specific = list.find((c) => !generic(c));
  if (specific) return specific.trim();
  const numbered = numberedSeries(title);
  if (numbered) return numbered;
  if (/周年|anniversary/i.test(title)) return 'anniversary';
  return list[0]?.trim() ?? null;
}

/**
 * The Latin name before the first "#<number>" it directly precedes ("SOFAChannel #12" →
 * "SOFAChannel"), as `([A-Za-z][A-Za-z ]*?)\s*#\s*\d+` finds it; found by hand, from each
 * "#" back over its spaces and letters, because that pattern rescans every run of letters
 * and spaces from each of its letters.
 */
function numberedSeries(title: string): string | null {
  for (const hash of title.matchAll(/#\s*\d/g)) {
    let start = hash.index!;
    while (start > 0 && /\s/.test(title[start - 1])) start--;
    while (start > 0 && /[A-Za-z ]/.test(title[start - 1])) start--;
    while (start < hash.index! && !/[A-Za-z]/.test(title[start])) start++;
    if (start < hash.index!) return title.slice(start, hash.index!).replace(/\s+/g, '');
  }
  return null;
}
