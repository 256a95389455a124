import { fromJson } from '../lists/json-columns';
import { selectColumns } from '../database/entity-columns';
import type { ListDefinition } from '../lists/list-definition';
import { Source } from './source.entity';

/** How registered sources are listed: in the order they were registered. */
export const sourceList: ListDefinition<Source, never, 'ORDER'> = {
  name: 'sources',
  from: 'registered_source s',
  columns: (fields) => selectColumns(Source, 's', fields),
  id: 's.id',
  sort: { ORDER: [] },
  filter: () => [],
  parents: {},
  map: (row) => fromJson(Source, row),
};
