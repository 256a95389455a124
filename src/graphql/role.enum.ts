import { registerEnumType } from 'type-graphql';

/** What an API key may do. Every role may read; anonymous requests only read. */
export enum Role {
  EDITOR = 'EDITOR',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What an API key may do.',
  valuesConfig: {
    EDITOR: { description: 'May create, change and delete data.' },
    ADMIN: { description: 'May do what an editor does, and read the audit log.' },
  },
});

/** Whether `held` grants what `required` asks for: an admin is also an editor. */
export function roleGrants(held: Role, required: Role): boolean {
  return held === Role.ADMIN || held === required;
}
