import { Field, ID, InputType } from 'type-graphql';
import { SourceKind } from './source-kind.enum';

/** What registering a source takes. The registry checks each field (source-registry.ts) and answers every problem in `userErrors`. */
@InputType({ description: 'A source to register for `npm run sync`.' })
export class SourceRegisterInput {
  @Field(() => SourceKind, { description: 'How its documents are read; `AUTO` recognises each by its content.' })
  kind: SourceKind;

  @Field({
    description:
      'A path on the server (a file, a folder or a git checkout) that exists and lies in one of the folders SOURCE_ROOTS names once `..` and links are resolved, or an http(s) URL (kept, not fetched); other schemes are refused.',
  })
  location: string;

  @Field(() => ID, { description: 'The community its events belong to.' })
  community: string;

  @Field({ description: 'IANA time zone of times given without an offset, e.g. `Europe/Brussels`.' })
  timeZone: string;

  @Field({ description: 'The licence its data is published under, e.g. `CC-BY-4.0`.' })
  licence: string;
}
