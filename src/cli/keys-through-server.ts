import { loadConfig } from '../config';
import { isServer, type LockHolder } from '../database/data-dir-lock';

/** GraphQL for each `npm run keys` command, as sent to a running server. */
const OPERATIONS = {
  create:
    'mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { token apiKey { id lookup role name } userErrors { field message } } }',
  revoke:
    'mutation($input: ApiKeyRevokeInput!) { apiKeyRevoke(input: $input) { apiKey { id lookup revokedAt } userErrors { field message } } }',
  list: '{ apiKeys(first: 100) { nodes { id lookup role name createdAt revokedAt } } }',
} as const;

/**
 * How to do what `npm run keys -- <command>` was asked, through the server that holds the data
 * folder: a one-line curl with an ADMIN key, the arguments passed as variables. Nothing when
 * the holder is another command.
 */
export function throughServer(holder: LockHolder, command: string, args: { ref?: string; role?: string; name?: string }): string {
  const operation = OPERATIONS[command as keyof typeof OPERATIONS];
  if (!operation || !isServer(holder)) return '';
  const url = holder.url ?? defaultUrl();
  const variables =
    command === 'create'
      ? { input: { name: args.name, role: args.role } }
      : command === 'revoke'
        ? { input: { key: args.ref } }
        : undefined;
  const body = JSON.stringify(variables ? { query: operation, variables } : { query: operation });
  return (
    `To ${command === 'list' ? 'list the keys' : `${command} the key`} through the running server, with an ADMIN key:\n` +
    `  curl -s ${url}/graphql -H 'content-type: application/json' -H "authorization: Bearer $ADMIN_KEY" -d ${shellQuote(body)}\n` +
    `(No ADMIN key yet? Stop the server, run \`npm run keys -- create --role admin --name <you>\`, and start it again.)`
  );
}

function defaultUrl(): string {
  const { host, port } = loadConfig();
  return `http://${host}:${port}`;
}

/** `text` as one single-quoted shell word. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
