import { IsNotEmpty, IsOptional, IsUrl, Matches, MaxLength } from 'class-validator';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../graphql/user-error';
import { MAX_PAGE_BYTES } from '../ingest/page-limit';
import { Event } from './event.entity';

/** An event page for the importer, as an editor pastes it. */
@InputType({ description: 'An event page (Markdown with YAML front matter) to import through the same pipeline as `npm run ingest`.' })
export class EventPageImportInput {
  @Field({ description: 'The page: YAML front matter, then Markdown.' })
  @IsNotEmpty({ message: '`markdown` is empty: paste the whole page, front matter included.' })
  @MaxLength(MAX_PAGE_BYTES, { message: `\`markdown\` is longer than ${MAX_PAGE_BYTES} characters.` })
  markdown: string;

  @Field({
    description:
      'Where the page is published; it becomes the source of every fact read from it, and the key that makes a re-import of the same page update in place.',
  })
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: '`sourceUrl` must be an http(s) URL.' })
  @MaxLength(2000)
  sourceUrl: string;

  @Field(() => String, { nullable: true, description: 'Slug of the community whose page it is; `sofastack` when omitted.' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: '`community` must be a community slug such as `sofastack`.' })
  community?: string | null;
}

/** What an import did with the page. */
export enum PageImportStatus {
  IMPORTED = 'IMPORTED',
  UNCHANGED = 'UNCHANGED',
  SKIPPED = 'SKIPPED',
}

registerEnumType(PageImportStatus, {
  name: 'PageImportStatus',
  description: 'What an import did with a page.',
  valuesConfig: {
    IMPORTED: { description: 'The event was written (created or updated in place).' },
    UNCHANGED: { description: 'The page is byte for byte the one imported before: nothing was written.' },
    SKIPPED: { description: 'The page describes no event (a section listing, an undated announcement).' },
  },
});

/** A character the encoding repair had to guess. */
@ObjectType({ description: 'A character of a page whose bytes were lost in transit and that the repair had to guess.' })
export class UncertainCharacter {
  @Field(() => Int, { description: 'Line of the repaired page.' })
  line: number;

  @Field({ description: 'The character chosen.' })
  chosen: string;

  @Field(() => [String], { description: 'Other characters the lost bytes could have been, most likely first.' })
  alternatives: string[];

  @Field({ description: 'Why this character was chosen.' })
  reason: string;
}

/** The result of `eventPageImport`. */
@ObjectType({ description: 'The result of importing an event page.' })
export class EventPageImportPayload {
  @Field(() => Event, {
    nullable: true,
    description: 'The event the page describes, as stored; null when the page failed or describes no event.',
  })
  event: Event | null;

  @Field(() => PageImportStatus, { nullable: true, description: 'What the import did; null when it failed.' })
  status: PageImportStatus | null;

  @Field(() => [UncertainCharacter], { description: 'Characters the encoding repair had to guess; empty for a clean page.' })
  uncertainCharacters: UncertainCharacter[];

  @Field(() => [String], { description: 'Facts that could not be linked, e.g. a project the dictionary does not know.' })
  warnings: string[];

  @Field(() => [UserError], { description: 'Why the page was refused (with its line); empty when it was imported, unchanged or skipped.' })
  userErrors: UserError[];
}
