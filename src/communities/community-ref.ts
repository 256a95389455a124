import { found, idOf, type Tx } from '../graphql/mutation';

/** The database key of the community an input names by ID; a user error on `input.community` when there is none. */
export async function communityRef(tx: Tx, globalId: string): Promise<number> {
  const communityId = idOf(globalId, 'Community', ['input', 'community']);
  found((await tx.sql(`SELECT 1 FROM community WHERE id = $1`, [communityId]))[0], 'community', ['input', 'community']);
  return communityId;
}
