/** A GraphQL error as the server reports it. */
interface GraphQLError {
  message: string;
}

/** Runs one operation against the server's /graphql endpoint; throws with the server's messages on errors. */
export async function runOperation<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLError[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('\n'));
  if (!response.ok || !body.data) throw new Error(`The server answered ${response.status}.`);
  return body.data;
}

/** The playground address that opens an operation with its variables, ready to run. */
export function playgroundUrl(query: string, variables: Record<string, unknown>): string {
  const params = new URLSearchParams({ query, variables: JSON.stringify(variables, null, 2) });
  return `/?${params.toString()}`;
}
