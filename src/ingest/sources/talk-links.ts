import type { TalkLinkFact, TalkLinkKindValue } from '../event-facts';

/** A link or attachment as a schedule gives it, before it is checked. */
export interface RawLink {
  url: unknown;
  title?: unknown;
  /** The format's own type, e.g. "slides", "SLIDES", "video/mp4". */
  type?: unknown;
  /** Whether the format lists it among attachments rather than links. */
  attachment?: boolean;
}

/** A talk's links sorted out: slides and video first found, and every link kept. */
export interface TalkLinks {
  slidesUrl: string | null;
  videoUrl: string | null;
  links: TalkLinkFact[];
  /** Links refused: not http(s), or not a URL. */
  refused: string[];
}

const SLIDES = /\.(pdf|pptx?|odp|key)(\?|#|$)/i;
const VIDEO = /\.(mp4|webm|mkv|ogv|mov)(\?|#|$)/i;

/**
 * Sorts a talk's links into slides, video and the rest, resolving relative ones against the
 * schedule's base URL and keeping only http(s) links (a `javascript:` link is refused).
 */
export function talkLinks(raw: readonly RawLink[], baseUrl?: string | null): TalkLinks {
  const result: TalkLinks = { slidesUrl: null, videoUrl: null, links: [], refused: [] };
  for (const link of raw) {
    if (typeof link.url !== 'string' || !link.url.trim()) continue;
    const url = httpUrl(link.url.trim(), baseUrl);
    if (!url) {
      result.refused.push(link.url.slice(0, 200));
      continue;
    }
    const title = typeof link.title === 'string' && link.title.trim() ? link.title.trim().slice(0, 500) : null;
    const kind = linkKind(url, title, typeof link.type === 'string' ? link.type : '', link.attachment ?? false);
    if (kind === 'SLIDES') result.slidesUrl ??= url;
    if (kind === 'VIDEO') result.videoUrl ??= url;
    if (!result.links.some((l) => l.url === url)) result.links.push({ kind, url, title });
  }
  return result;
}

function linkKind(url: string, title: string | null, type: string, attachment: boolean): TalkLinkKindValue {
  const words = `${type} ${title ?? ''}`.toLowerCase();
  if (/slide|presentation/.test(words) || (attachment && SLIDES.test(url))) return 'SLIDES';
  if (VIDEO.test(url) || /video|recording/.test(type.toLowerCase())) return 'VIDEO';
  return attachment ? 'ATTACHMENT' : 'OTHER';
}

/** An absolute http(s) URL, or null. */
export function httpUrl(value: string, baseUrl?: string | null): string | null {
  if (value.length > 2000) return null;
  try {
    const url = baseUrl ? new URL(value, baseUrl) : new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
