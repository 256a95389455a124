import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SourceDocument } from './source-document.entity';
import { tables } from '../database/tables';

/** Provenance: that a record (by type and key) was read from a source, and where on it. */
@Entity(tables.record_source.name)
@Index(['recordType', 'recordId'])
export class RecordSource {
  @PrimaryColumn({ name: 'source_id', type: 'int' })
  sourceId: number;

  @PrimaryColumn({ name: 'record_type', type: 'text' })
  recordType: string;

  @PrimaryColumn({ name: 'record_id', type: 'int' })
  recordId: number;

  @ManyToOne(() => SourceDocument, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id' })
  source?: SourceDocument;

  /** Where on the page: `{ line, section }`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  locator: { line?: number; section?: string };
}
