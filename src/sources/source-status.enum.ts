import { registerEnumType } from 'type-graphql';

/** How the last sync of a registered source went. */
export enum SourceStatus {
  NEVER_SYNCED = 'NEVER_SYNCED',
  SYNCED = 'SYNCED',
  FAILED = 'FAILED',
}

registerEnumType(SourceStatus, {
  name: 'SourceStatus',
  description: 'How the last sync of a registered source went.',
  valuesConfig: {
    NEVER_SYNCED: { description: 'Registered, not synced yet.' },
    SYNCED: { description: 'Every document of the last sync was read (written, unchanged or skipped as no source).' },
    FAILED: { description: 'The location could not be read, or a document of it failed; `lastError` says why.' },
  },
});
