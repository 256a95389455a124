/**
 * The shape in which events reach the graph, whoever produced them: the built-in dataset,
 * the page importer or an editor's import mutation. Everything is given by natural keys
 * (slugs, names, titles), never by database ids, so a document can be written twice and
 * means the same thing both times.
 */

/** How an event was held. */
export type EventFormatValue = 'OFFLINE' | 'ONLINE' | 'HYBRID';
/** What kind of contribution a talk is. */
export type TalkKindValue = 'TALK' | 'KEYNOTE' | 'PANEL' | 'WORKSHOP' | 'LIGHTNING';
/** What a person did in a talk. */
export type TalkRoleValue = 'SPEAKER' | 'MODERATOR' | 'PANELIST' | 'HOST';
/** What a link on an event page points at. */
export type EventLinkKindValue = 'LIVESTREAM' | 'REPLAY' | 'PHOTO_ALBUM' | 'RECAP' | 'REGISTRATION' | 'OTHER';

/** Where on a source page a fact was read (a heading path or a line range). */
export interface FactLocator {
  /** 1-based line in the source document where the fact starts. */
  line?: number;
  /** The section heading the fact stood under, e.g. "资料下载". */
  section?: string;
  /** JSON pointer (RFC 6901) of the record in a JSON document. */
  pointer?: string;
}

/** An id a source gives a record (a pentabarf person id, a Sessionize session id), in that source's namespace. */
export interface ExternalIdFact {
  /** The namespace the id is unique in, e.g. `frab:fosdem-2022` or `sessionize`. */
  source: string;
  id: string;
}

/** What a link of a talk points at. */
export type TalkLinkKindValue = 'SLIDES' | 'VIDEO' | 'ATTACHMENT' | 'OTHER';

/** A link or attachment a schedule gives a talk. */
export interface TalkLinkFact {
  kind: TalkLinkKindValue;
  url: string;
  title?: string | null;
}

/** A project, by its canonical slug, with every name it is also known by. */
export interface ProjectFact {
  slug: string;
  name: string;
  aliases?: string[];
  description?: string | null;
  repositoryUrl?: string | null;
  homepageUrl?: string | null;
  /** Slug of the community that runs the project; null for neighbours run elsewhere. */
  community?: string | null;
}

/** A person, identified by real name, or by alias (花名) when the name is unknown. */
export interface SpeakerFact {
  name: string;
  alias?: string | null;
  affiliation?: string | null;
  title?: string | null;
  bio?: string | null;
  /** Projects the person has a standing role in, e.g. { project: 'seata', role: 'PPMC member' }. */
  projects?: { project: string; role?: string | null }[];
  /** The ids sources give this person. */
  externalIds?: ExternalIdFact[];
  at?: FactLocator;
}

/** A reference from a talk to a person, by the name or alias the page used. */
export interface TalkSpeakerFact {
  /** Real name or alias, whichever the page gave; resolved against the event's speakers. */
  name: string;
  alias?: string | null;
  role?: TalkRoleValue;
  /** The person's ids in the source, which match the reference to a person before names do. */
  externalIds?: ExternalIdFact[];
}

/** One talk of an event's agenda. */
export interface TalkFact {
  title: string;
  abstract?: string | null;
  kind?: TalkKindValue;
  /** ISO 8601 with offset. */
  startsAt?: string | null;
  endsAt?: string | null;
  slidesUrl?: string | null;
  videoUrl?: string | null;
  speakers?: TalkSpeakerFact[];
  /** Project slugs or any alias of them. */
  projects?: string[];
  /** Where in the venue, in which track, and in which language (BCP 47, e.g. "en"), when a schedule says. */
  room?: string | null;
  track?: string | null;
  language?: string | null;
  /** Links and attachments beyond slides and video. */
  links?: TalkLinkFact[];
  /** The ids sources give this talk; two entries with one title and different ids are two talks. */
  externalIds?: ExternalIdFact[];
  /** Technology topics the talk is about (WebAssembly, Service Mesh): generic words, not projects. */
  topics?: string[];
  at?: FactLocator;
}

/** A link shown on an event page. */
export interface EventLinkFact {
  kind: EventLinkKindValue;
  url: string;
  title?: string | null;
}

/** One event with everything said about it on one page. */
export interface EventFact {
  slug: string;
  title: string;
  /** Slug of the community that held it, e.g. "sofastack". */
  community: string;
  series?: string | null;
  /** ISO 8601 with offset; null when the page never says when it happened. */
  startsAt?: string | null;
  endsAt?: string | null;
  /** IANA time zone the times were given in. */
  timeZone?: string;
  format?: EventFormatValue | null;
  city?: string | null;
  venue?: string | null;
  description?: string | null;
  coverUrl?: string | null;
  tags?: string[];
  links?: EventLinkFact[];
  talks?: TalkFact[];
  speakers?: SpeakerFact[];
  /** The ids sources give this event. */
  externalIds?: ExternalIdFact[];
  at?: FactLocator;
}

/** A community that holds events and runs projects. */
export interface CommunityFact {
  slug: string;
  name: string;
  url?: string | null;
  /** IANA time zone its pages and schedules are read in when they state none; unchanged when left out. */
  timeZone?: string;
}

/** A whole document of facts: what the seed, the importer and the import mutation write. */
export interface GraphFacts {
  communities?: CommunityFact[];
  projects?: ProjectFact[];
  events?: EventFact[];
}
