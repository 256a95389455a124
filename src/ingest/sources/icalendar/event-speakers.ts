import type { TalkRoleValue } from '../../event-facts';
import { cleanName } from '../schedule-people';
import type { ContentLine } from './content-lines';

/** A person a calendar entry names, and from where. */
export interface EntrySpeaker {
  name: string;
  role: TalkRoleValue;
  /** The property the name was read from. */
  from: 'ATTENDEE' | 'SUMMARY' | 'DESCRIPTION' | 'ORGANIZER';
}

const NAME_PART = /^[\p{Lu}\p{Lo}][\p{L}\p{M}.'’-]*(?: [\p{L}\p{M}.'’-]+){0,4}$/u;
const DESCRIPTION_SPEAKERS = /^[ \t]*(?:speakers?|presenters?|presented by|by|讲师|嘉宾|分享嘉宾)[ \t]*[:：][ \t]*([^\n]{1,300})$/imu;

/**
 * The people a calendar entry names, in the order a calendar is most explicit about them:
 * ATTENDEE;CN= (CHAIR as moderator), else a `Speaker:` line of DESCRIPTION, else the name after
 * the last dash of SUMMARY (`Title - Name`, which also yields the title without it), else
 * ORGANIZER;CN=. Returns the title to use beside them.
 */
export function entrySpeakers(
  summary: string,
  description: string | null,
  properties: ContentLine[],
): { title: string; speakers: EntrySpeaker[] } {
  const attendees = properties
    .filter((p) => p.name === 'ATTENDEE' && p.params.CN)
    .map((p) => ({
      name: cleanName(p.params.CN),
      role: (p.params.ROLE === 'CHAIR' ? 'MODERATOR' : 'SPEAKER') as TalkRoleValue,
      from: 'ATTENDEE' as const,
    }))
    .filter((s) => s.name);
  const fromSummary = summaryName(summary);
  const title = fromSummary ? fromSummary.title : summary;
  if (attendees.length) return { title, speakers: attendees };
  const line = description ? DESCRIPTION_SPEAKERS.exec(description.slice(0, 20_000)) : null;
  const described = line ? names(line[1]) : null;
  if (described) return { title, speakers: described.map((name) => ({ name, role: 'SPEAKER', from: 'DESCRIPTION' })) };
  if (fromSummary) return { title, speakers: fromSummary.names.map((name) => ({ name, role: 'SPEAKER', from: 'SUMMARY' })) };
  const organizer = properties.find((p) => p.name === 'ORGANIZER' && p.params.CN);
  const name = organizer ? cleanName(organizer.params.CN) : '';
  return { title, speakers: name ? [{ name, role: 'SPEAKER', from: 'ORGANIZER' }] : [] };
}

function summaryName(summary: string): { title: string; names: string[] } | null {
  const at = Math.max(summary.lastIndexOf(' - '), summary.lastIndexOf(' – '), summary.lastIndexOf(' — '));
  if (at <= 0) return null;
  const found = names(summary.slice(at + 3));
  return found ? { title: summary.slice(0, at).trim(), names: found } : null;
}

/** `A, B & C and D` as names, when every part looks like a person's name; null otherwise. */
function names(text: string): string[] | null {
  if (text.length > 300) return null;
  const parts = text
    .split(/[,&、]|\band\b|\bund\b/u)
    .map(cleanName)
    .filter(Boolean);
  return parts.length && parts.every((p) => NAME_PART.test(p)) ? parts : null;
}
