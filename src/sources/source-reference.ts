import { Field, Int, ObjectType } from 'type-graphql';

/** Where a record's facts were read: the document, its content hash and the place on it. */
@ObjectType({ description: "Where a record's facts were read: the document, its version and the place on it." })
export class SourceReference {
  /** The document as recorded; GraphQL's `uri` (source-reference.resolver.ts) shortens a server path for readers without a key. */
  uri: string;

  @Field({ description: 'sha256 of the document as it was imported.' })
  contentHash: string;

  @Field({ description: 'When the document was last imported.' })
  importedAt: Date;

  @Field(() => Int, { nullable: true, description: 'Line on the document where the fact starts.' })
  line: number | null;

  @Field(() => String, { nullable: true, description: 'Section heading the fact stood under.' })
  section: string | null;
}
