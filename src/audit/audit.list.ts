import { fromJson } from '../lists/json-columns';
import { selectColumns } from '../database/entity-columns';
import type { ListDefinition } from '../lists/list-definition';
import { AuditEntry } from './audit-entry.entity';

/** What the audit log can be narrowed to: the changes of one record. */
export interface AuditFilter {
  recordType: string;
  recordId: number;
}

/** How the audit log is listed: in the order the changes were made. */
export const auditList: ListDefinition<AuditEntry, AuditFilter, 'ORDER'> = {
  name: 'auditLog',
  from: 'audit_log a',
  columns: (fields) => selectColumns(AuditEntry, 'a', fields),
  id: 'a.id',
  sort: { ORDER: [] },
  filter: (filter, params) => [`a.record_type = ${params.add(filter.recordType)}`, `a.record_id = ${params.add(filter.recordId)}`],
  parents: {},
  map: (row) => fromJson(AuditEntry, row),
};
