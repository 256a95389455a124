import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys';
import { Role } from '../graphql/role.enum';
import { DataDirLockedError } from '../database/data-dir-lock';
import { openDatabase } from './open-database';
import { throughServer } from './keys-through-server';

const USAGE = `Usage:
  npm run keys -- create --role editor|admin --name <holder>
  npm run keys -- revoke <id or lookup>
  npm run keys -- list`;

/** `npm run keys`: creates (printing the token once), revokes and lists API keys. */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, ref] = positionals;
  if (!['create', 'revoke', 'list'].includes(command)) throw new Error(USAGE);
  const role = values.role?.toUpperCase();
  if (command === 'create' && (!role || !(role in Role) || !values.name?.trim()))
    throw new Error(`create needs --role editor|admin and --name.\n${USAGE}`);
  if (command === 'revoke' && !ref) throw new Error(`revoke needs the key's id or lookup.\n${USAGE}`);
  const db = await openDatabase().catch((error: unknown) => {
    const how = error instanceof DataDirLockedError && throughServer(error.holder, command, { ref, role, name: values.name?.trim() });
    if (how) (error as Error).message += `\n\n${how}`;
    throw error;
  });
  try {
    await db.migrate();
    if (command === 'create') {
      const { key, token } = await createApiKey(db.query, values.name!.trim(), role as Role);
      console.log(`Created ${key.role} key ${key.id} (${key.lookup}) for "${key.name}". It is shown only now; store it safely:`);
      console.log(token);
    } else if (command === 'revoke') {
      const key = await revokeApiKey(db.query, ref);
      if (!key) throw new Error(`No API key with id or lookup "${ref}".`);
      console.log(`Revoked key ${key.id} (${key.lookup}) of "${key.name}".`);
    } else {
      for (const key of await listApiKeys(db.query)) {
        console.log(
          `${key.id}\t${key.lookup}\t${key.role}\t${key.name}\t${key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active'}`,
        );
      }
    }
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
