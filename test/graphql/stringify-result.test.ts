import { describe, expect, it } from 'vitest';
import { stringifyResult } from '../../src/graphql/stringify-result';

const result = () => ({ data: { project: { slug: 'seata', talks: [{ title: 'AT mode' }] } } });

describe('stringifyResult', () => {
  it("writes what Apollo's default writes: the JSON and a newline", () => {
    const value = result();
    expect(stringifyResult(() => false)(value)).toBe(`${JSON.stringify(result())}\n`);
  });

  it('lets go of a served result: its data is emptied once it is text', () => {
    const value = result();
    stringifyResult(() => false)(value);
    expect(value.data).toEqual({});
  });

  it('leaves whole a result something else keeps (the response cache), and errors-only results', () => {
    const value = result();
    const kept = new WeakSet<object>([value.data]);
    const text = stringifyResult((data) => kept.has(data))(value);
    expect(value).toEqual(result());
    expect(JSON.parse(text)).toEqual(result());
    const errors = { errors: [{ message: 'bad' }] };
    expect(stringifyResult(() => false)(errors)).toBe('{"errors":[{"message":"bad"}]}\n');
  });
});
