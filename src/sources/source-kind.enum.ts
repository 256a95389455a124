import { registerEnumType } from 'type-graphql';

/** How a registered source is read; `npm run sources -- add --kind` names them in kebab case (`frab-xml`). */
export enum SourceKind {
  AUTO = 'AUTO',
  HUGO_SITE = 'HUGO_SITE',
  FRAB_XML = 'FRAB_XML',
  SCHEDULE_JSON = 'SCHEDULE_JSON',
  SESSIONIZE = 'SESSIONIZE',
  ICALENDAR = 'ICALENDAR',
}

/** A kind as the command line names it: `frab-xml`. */
export function kindName(kind: SourceKind): string {
  return kind.toLowerCase().replace(/_/g, '-');
}

/** Every kind's command-line name, for messages. */
export const SOURCE_KINDS: readonly string[] = Object.values(SourceKind).map(kindName);

/** The kind a name stands for (`frab-xml` or `FRAB_XML`), or null when it names none. */
export function sourceKindNamed(name: string): SourceKind | null {
  const kind = Object.values(SourceKind).find((k) => k === name || kindName(k) === name);
  return kind ?? null;
}

registerEnumType(SourceKind, {
  name: 'SourceKind',
  description: 'How a registered source is read.',
  valuesConfig: {
    AUTO: { description: 'Each document by its content: event pages and every schedule format.' },
    HUGO_SITE: { description: 'Event pages of a Hugo site (markdown with front matter).' },
    FRAB_XML: { description: 'frab / pentabarf schedule XML (FOSDEM, CCC, pretalx).' },
    SCHEDULE_JSON: { description: 'C3VOC schedule.json, version 1 or 2.' },
    SESSIONIZE: { description: 'A Sessionize `All.json` export.' },
    ICALENDAR: { description: 'An iCalendar feed (RFC 5545), read as far as it goes.' },
  },
});
