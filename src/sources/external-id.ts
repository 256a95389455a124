import { Field, ObjectType } from 'type-graphql';

/** The id a source gives a record (a pentabarf person id, a Sessionize session id), kept so the record is found again. */
@ObjectType({
  simpleResolvers: true,
  description: 'The id a source gives a record, e.g. a pentabarf person id or a Sessionize session id.',
})
export class ExternalId {
  @Field({ description: 'The source that gives the id, e.g. a schedule namespace, `guid` or `sessionize`.' })
  source: string;

  @Field({ description: 'The id as the source gives it.' })
  id: string;
}
