import { selectColumns, toEntity } from '../database/entity-columns';
import type { ListDefinition } from '../lists/list-definition';
import { ApiKey } from './api-key.entity';

/** Every column a client may see: all but the secret's hash, which never leaves the database. */
const LISTED = ['name', 'role', 'lookup', 'createdAt', 'revokedAt'];

/** How API keys are listed: oldest first. */
export const apiKeyList: ListDefinition<ApiKey, never, 'ORDER'> = {
  name: 'apiKeys',
  from: 'api_key k',
  columns: (fields) =>
    selectColumns(
      ApiKey,
      'k',
      (fields ?? LISTED).filter((field) => field !== 'secretHash'),
    ),
  id: 'k.id',
  sort: { ORDER: [] },
  filter: () => [],
  parents: {},
  map: (row) => toEntity(ApiKey, row),
};
