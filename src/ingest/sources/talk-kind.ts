import type { TalkKindValue } from '../event-facts';

/** A schedule's free-text session type ("keynote", "Lightning talk", "hands-on") as a talk kind; TALK when none fits. */
export function talkKindOf(type: unknown): TalkKindValue {
  if (typeof type !== 'string') return 'TALK';
  const t = type.slice(0, 200).toLowerCase();
  if (t.includes('keynote')) return 'KEYNOTE';
  if (t.includes('lightning')) return 'LIGHTNING';
  if (/workshop|hands-on|tutorial|\blab\b/.test(t)) return 'WORKSHOP';
  if (/panel|discussion|round.?table|podium/.test(t)) return 'PANEL';
  return 'TALK';
}
