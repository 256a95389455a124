import type { TalkLinkFact } from '../ingest/event-facts';

/** A person of an exported talk, with the guid a source gave them (null: derive one). */
export interface ScheduleSpeaker {
  globalId: string;
  name: string;
  guid: string | null;
}

/** A dated talk as the schedule exports write it, with its event's place and zone. */
export interface ScheduleTalk {
  /** The talk's database key; exports use it only as frab's numeric `id` (the number its global ID encodes). */
  key: number;
  globalId: string;
  /** The guid a source gave the talk, when one did. */
  guid: string | null;
  title: string;
  abstract: string | null;
  kind: string;
  startsAt: Date;
  endsAt: Date | null;
  updatedAt: Date;
  room: string | null;
  track: string | null;
  language: string | null;
  slidesUrl: string | null;
  videoUrl: string | null;
  links: TalkLinkFact[];
  speakers: ScheduleSpeaker[];
  event: { slug: string; title: string; timeZone: string; city: string | null; venue: string | null; description: string | null };
}
