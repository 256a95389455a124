import type { TalkLinkFact } from '../ingest/event-facts';
import type { ScheduleTalk } from './schedule-talk';

/**
 * A talk's slides, video and other links as both schedule formats list them: attachments are
 * files (slides among them), links the rest; slides and video first, each URL once.
 */
export function sortLinks(talk: ScheduleTalk): { links: TalkLinkFact[]; attachments: TalkLinkFact[] } {
  const all: TalkLinkFact[] = [...talk.links];
  if (talk.slidesUrl && !all.some((l) => l.url === talk.slidesUrl)) all.unshift({ kind: 'SLIDES', url: talk.slidesUrl, title: 'Slides' });
  if (talk.videoUrl && !all.some((l) => l.url === talk.videoUrl))
    all.unshift({ kind: 'VIDEO', url: talk.videoUrl, title: 'Video recording' });
  return {
    links: all.filter((l) => l.kind === 'VIDEO' || l.kind === 'OTHER'),
    attachments: all.filter((l) => l.kind === 'SLIDES' || l.kind === 'ATTACHMENT'),
  };
}

/** Characters RFC 3986 allows in a path, query or fragment as they are (a `%` only before two hex digits). */
const URI_CHARACTER = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2}/y;

/**
 * A link as an RFC 3986 URI, as schedule.json's `uri` format wants: what WHATWG URLs leave
 * as is (`[`, `]`, a second `#`, `|`, `{`) percent-encoded after the host; null for a link that
 * is not http(s).
 */
export function strictUri(url: string): string | null {
  const origin = /^https?:\/\/[^/?#\s]+/i.exec(url)?.[0];
  if (!origin) return null;
  let out = origin;
  let fragment = false;
  for (let at = origin.length; at < url.length;) {
    URI_CHARACTER.lastIndex = at;
    const allowed = URI_CHARACTER.exec(url);
    if (allowed) {
      out += allowed[0];
      at += allowed[0].length;
    } else if (url[at] === '#' && !fragment) {
      fragment = true;
      out += '#';
      at++;
    } else {
      const char = String.fromCodePoint(url.codePointAt(at)!);
      // A lone surrogate has no UTF-8 form; encodeURIComponent would throw.
      out += encodeURIComponent(char.length === 1 && /[\ud800-\udfff]/.test(char) ? '\ufffd' : char);
      at += char.length;
    }
  }
  return out;
}
