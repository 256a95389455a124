import { Field, ID, ObjectType } from 'type-graphql';
import { toGlobalId } from '../graphql/global-id';
import { MergeRule } from './merge-rule.enum';

/** What every record of a merge tells, whatever the kind of the merged records. */
@ObjectType('MergeRecord', { description: 'What every merge record tells; not a type of the schema itself.' })
export abstract class MergeRecord {
  /** The database key. */
  key: number;

  /** The GraphQL type of the merge, which its ID names. */
  protected abstract readonly typeName: string;

  @Field(() => ID, { description: 'Opaque ID of the merge, for the unmerge mutation of its kind.' })
  get id(): string {
    return toGlobalId(this.typeName, this.key);
  }

  @Field(() => MergeRule, { description: 'The rule that matched.' })
  rule: MergeRule;

  @Field(() => [String], { description: 'What matched, as `what: value` lines, e.g. `alias: 逐灵`, `name: 曾凡松`.' })
  evidence: string[];

  @Field(() => String, { nullable: true, description: 'The source document whose import made the merge; null for an editor.' })
  source: string | null;

  @Field(() => String, { nullable: true, description: 'The name of the editor key that made the merge; null for an import.' })
  mergedBy: string | null;

  @Field({ description: 'When the merge was made.' })
  mergedAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When an editor undid it; null while it stands. An undone merge is never made again by an import.',
  })
  undoneAt: Date | null;
}
