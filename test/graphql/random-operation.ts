import {
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

/** A seeded pseudo-random source (mulberry32), so a failing run can be replayed from its seed. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}

type Random = ReturnType<typeof random>;

const STRINGS = [
  '',
  ' ',
  'seata',
  'SOFAStack',
  '亦夏',
  'x'.repeat(350),
  `Robert'); DROP TABLE talk;--`,
  '<script>alert(1)</script>',
  '%_\\',
  'a\u0000b',
  '😀𠀀',
  'https://example.org/x',
  'javascript:alert(1)',
  'Asia/Shanghai',
  'sofa-meetup-99',
];
const INTS = [-1, 0, 1, 2, 5, 20, 100, 101, 2 ** 31 - 1, -(2 ** 31)];
const DATES = ['2026-05-01T06:00:00Z', '1999-12-31T23:59:59+08:00', '0001-01-01T00:00:00Z', '2026-13-45T00:00:00Z', 'yesterday'];

/**
 * Builds a random operation from the schema: a root field with arguments that are sometimes
 * right (real IDs, sensible page sizes) and often wrong (garbage IDs, wrong types, unknown enum
 * values, overlong text), and a random selection below it; now and then the text is cut short.
 */
export function randomOperation(schema: GraphQLSchema, rnd: Random, ids: string[]): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];

  const value = (type: GraphQLInputType, depth: number): unknown => {
    if (!isNonNullType(type) && rnd.chance(0.1)) return null;
    const inner = getNullableType(type) as GraphQLInputType;
    if (isListType(inner)) return Array.from({ length: rnd.int(0, 3) }, () => value(inner.ofType, depth + 1));
    if (rnd.chance(0.05)) return rnd.pick([42, 'wrong', true, { nested: 1 }, []]);
    const named = getNamedType(inner) as GraphQLNamedType;
    if (isEnumType(named)) return rnd.chance(0.9) ? rnd.pick(named.getValues()).value : 'NOPE';
    if (isInputObjectType(named)) {
      const object: Record<string, unknown> = {};
      for (const field of Object.values(named.getFields())) {
        if (isNonNullType(field.type) || (depth < 3 && rnd.chance(0.5))) object[field.name] = value(field.type, depth + 1);
      }
      return object;
    }
    switch (named.name) {
      case 'ID':
        return rnd.chance(0.7) ? rnd.pick(ids) : rnd.pick(['abc', '', 'VGFsazox', 'VGFsazo5OTk5OTk5', '!!!', 'x'.repeat(100)]);
      case 'Int':
        return rnd.pick(INTS);
      case 'Float':
        return rnd.pick([0, 1.5, -3]);
      case 'Boolean':
        return rnd.chance(0.5);
      case 'DateTime':
        return rnd.pick(DATES);
      default:
        return rnd.pick(STRINGS);
    }
  };

  const args = (list: readonly GraphQLArgument[]): string => {
    const given = list.filter((arg) => (isNonNullType(arg.type) ? rnd.chance(0.95) : rnd.chance(0.4)));
    if (!given.length) return '';
    return `(${given
      .map((arg) => {
        const name = `v${declarations.length}`;
        declarations.push(`$${name}: ${arg.type.toString()}`);
        variables[name] = arg.name === 'first' || arg.name === 'last' ? rnd.pick([1, 5, 20, 0, 101]) : value(arg.type, 0);
        return `${arg.name}: $${name}`;
      })
      .join(', ')})`;
  };

  const selection = (type: GraphQLNamedType, depth: number): string => {
    if (isLeafType(type)) return '';
    if (isUnionType(type) || isInterfaceType(type)) {
      const possible = schema.getPossibleTypes(type);
      return `{ __typename ... on ${rnd.pick(possible).name} ${selection(rnd.pick(possible), depth)} }`;
    }
    if (!isObjectType(type)) return '';
    const fields = Object.values(type.getFields());
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const chosen = new Set<GraphQLField<unknown, unknown>>([rnd.pick(leaves.length ? leaves : fields)]);
    for (let i = rnd.int(0, 3); i > 0; i--) {
      const field = rnd.pick(fields);
      if (isLeafType(getNamedType(field.type)) || depth < 3) chosen.add(field);
    }
    return `{ ${[...chosen].map((f) => `${f.name}${args(f.args)} ${selection(getNamedType(f.type), depth + 1)}`).join(' ')} }`;
  };

  const mutation = rnd.chance(0.4);
  const root = mutation ? schema.getMutationType()! : schema.getQueryType()!;
  const field = rnd.pick(Object.values(root.getFields()));
  const { body, fragments } = hostileShape(rnd, `${field.name}${args(field.args)} ${selection(getNamedType(field.type), 1)}`, root.name);
  let query = `${mutation ? 'mutation' : 'query'}${declarations.length ? `(${declarations.join(', ')})` : ''} { ${body} }${fragments}`;
  if (rnd.chance(0.05)) query = query.slice(0, rnd.int(1, query.length - 1));
  return { query, variables };
}

/**
 * Now and then dresses a root selection as an attacker would: a chain of fragments each spreading
 * the next up to three times (up to 30 levels), a fragment cycle, a spread of a fragment nobody
 * defines, or the selection repeated under one response name or under many aliases.
 */
function hostileShape(rnd: Random, selection: string, rootType: string): { body: string; fragments: string } {
  const spreads = (name: string, times: number) => ` ...${name}`.repeat(times);
  switch (rnd.chance(0.4) ? rnd.int(0, 4) : -1) {
    case 0: {
      const levels = rnd.int(1, 30);
      const fan = rnd.int(1, 3);
      const chain = Array.from({ length: levels }, (_, i) => ` fragment F${i} on ${rootType} {${spreads(`F${i + 1}`, fan)} }`).join('');
      return { body: '...F0', fragments: `${chain} fragment F${levels} on ${rootType} { ${selection} }` };
    }
    case 1: {
      const length = rnd.int(1, 5);
      const cycle = Array.from({ length }, (_, i) => ` fragment C${i} on ${rootType} { __typename ...C${(i + 1) % length} }`).join('');
      return { body: `${selection} ...C0`, fragments: cycle };
    }
    case 2:
      return { body: `${selection} ...Nowhere`, fragments: '' };
    case 3:
      return { body: `${selection} `.repeat(rnd.int(2, 40)), fragments: '' };
    case 4:
      return { body: Array.from({ length: rnd.int(2, 150) }, (_, i) => `a${i}: ${selection}`).join(' '), fragments: '' };
    default:
      return { body: selection, fragments: '' };
  }
}
