import { describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId, tryGlobalId } from '../../src/graphql/global-id';

describe('global IDs', () => {
  it('are the base64url of `Type:key`, without padding, and decode back', () => {
    expect(toGlobalId('Talk', 42)).toBe('VGFsazo0Mg');
    expect(toGlobalId('Speaker', 7)).toBe(Buffer.from('Speaker:7').toString('base64url'));
    for (const [type, id] of [
      ['Event', 1],
      ['Project', 123456789012345],
      ['SpeakerMerge', 99],
    ] as const) {
      expect(fromGlobalId(toGlobalId(type, id))).toEqual({ type, id });
    }
  });

  it('refuse what this API never hands out, naming the ID (BAD_USER_INPUT)', () => {
    const refused = (id: string) => {
      try {
        fromGlobalId(id);
      } catch (error: any) {
        return [error.message, error.extensions.code];
      }
      return null;
    };
    const invalid = (id: string) => [
      `"${id.length > 40 ? `${id.slice(0, 40)}…` : id}" is not a valid ID: use the \`id\` of an object from this API.`,
      'BAD_USER_INPUT',
    ];
    // Not base64url, padded, too long, empty.
    for (const id of ['VGFsazo0Mg==', 'VGFsazo0M+g', '', 'A'.repeat(65)]) expect(refused(id)).toEqual(invalid(id));
    // Well-formed base64url of the wrong text: a bare number, key 0, a leading zero, a lower-case type, a key of 16 digits.
    for (const text of ['42', 'Talk:0', 'Talk:042', 'talk:4', 'Talk:1234567890123456', 'Talk:4:5']) {
      const id = Buffer.from(text).toString('base64url');
      expect(refused(id)).toEqual(invalid(id));
    }
  });

  it('of another type are an error when a type is expected, and null for tryGlobalId', () => {
    const speaker = toGlobalId('Speaker', 3);
    expect(() => fromGlobalId(speaker, 'Talk')).toThrow(`ID "${speaker}" belongs to a Speaker, not a Talk.`);
    expect(tryGlobalId(speaker, 'Talk')).toBeNull();
    expect(tryGlobalId(speaker, 'Speaker')).toBe(3);
    expect(tryGlobalId('seata', 'Project')).toBeNull();
  });
});
