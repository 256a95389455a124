import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Role } from '../graphql/role.enum';
import { Event } from '../events/event.entity';
import type { Context } from '../graphql/context';
import { badInput } from '../graphql/bad-input';
import { SourceReference } from '../sources/source-reference';
import { Talk } from '../talks/talk.entity';
import { chooseFact, Specificity } from '../facts/fact-choice';
import { FACT_COLUMNS, FACT_FIELDS, FactField, type FactRecordType, FIELD_OF_COLUMN } from '../facts/fact-field.enum';
import type { LoadedFact } from './fact-value.loaders';
import { FactOrigin, FactValue } from './fact-value';

const FIELD_ARG = {
  nullable: true,
  description: 'Only the values of this field; every kept field when left out.',
} as const;

/** Every value given to a record's fields (or one field's), each marked chosen or not by the rule. */
async function factValues(ctx: Context, type: FactRecordType, id: number, field: FactField | null | undefined): Promise<FactValue[]> {
  if (field != null && !FACT_FIELDS[type].includes(field)) {
    throw badInput(
      `${type === 'Talk' ? 'Talks' : 'Events'} keep no ${field} per source; use one of ${FACT_FIELDS[type].join(', ')}.`,
      'field',
    );
  }
  const facts = await ctx.loaders.factValuesByRecord.load(`${type}:${id}`);
  const wanted = field == null ? facts : facts.filter((f) => f.field === FACT_COLUMNS[field]);
  const chosen = new Set<LoadedFact>();
  for (const column of new Set(wanted.map((f) => f.field))) chosen.add(chooseFact(wanted.filter((f) => f.field === column))!);
  return wanted.map((fact) =>
    Object.assign(new FactValue(), {
      field: FIELD_OF_COLUMN[fact.field],
      value: fact.value === null ? null : String(fact.value),
      origin:
        fact.editor !== null ? FactOrigin.EDITOR : fact.specificity === Specificity.EVENT ? FactOrigin.EVENT_DOCUMENT : FactOrigin.LISTING,
      source:
        fact.uri === null
          ? null
          : Object.assign(new SourceReference(), {
              uri: fact.uri,
              contentHash: fact.contentHash,
              importedAt: fact.importedAt,
              line: null,
              section: null,
            }),
      editor: fact.editor,
      recordedAt: fact.recordedAt,
      chosen: chosen.has(fact),
    }),
  );
}

/** The description of `factValues` on a record type whose kept fields are `fields`. */
const description = (fields: string) =>
  `Every value the sources and editors gave its ${fields}, with who gave it, when, and which one it holds (an editor’s wins, then an event’s own document over a listing, then the latest). Needs an EDITOR or ADMIN key.`;

/** The values given to a talk's fields. */
@Resolver(() => Talk)
export class TalkFactValuesResolver {
  @Authorized(Role.EDITOR)
  @FieldResolver(() => [FactValue], { description: description('title, abstract, times, slides and recording links') })
  factValues(
    @Root() talk: Talk,
    @Ctx() ctx: Context,
    @Arg('field', () => FactField, FIELD_ARG) field?: FactField | null,
  ): Promise<FactValue[]> {
    return factValues(ctx, 'Talk', talk.id, field);
  }
}

/** The values given to an event's fields. */
@Resolver(() => Event)
export class EventFactValuesResolver {
  @Authorized(Role.EDITOR)
  @FieldResolver(() => [FactValue], { description: description('title, times, city and venue') })
  factValues(
    @Root() event: Event,
    @Ctx() ctx: Context,
    @Arg('field', () => FactField, FIELD_ARG) field?: FactField | null,
  ): Promise<FactValue[]> {
    return factValues(ctx, 'Event', event.id, field);
  }
}
