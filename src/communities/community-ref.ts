import { tables } from '../database/tables';
import { found, idOf, type Tx } from '../mutations/mutation';

const { community } = tables;
const COMMUNITY_EXISTS = `SELECT 1 FROM ${community.name} WHERE ${community.col.id} = $1`;

/** The database key of the community an input names by ID; a user error on `input.community` when there is none. */
export async function communityRef(tx: Tx, globalId: string): Promise<number> {
  const communityId = idOf(globalId, 'Community', ['input', 'community']);
  found((await tx.sql(COMMUNITY_EXISTS, [communityId]))[0], 'community', ['input', 'community']);
  return communityId;
}
