import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { tables } from '../database/tables';

/** A document facts were read from (a registered `Source`, source.entity.ts, is where such documents are found): an event page, the built-in dataset, an editor's import. */
@Entity(tables.source.name)
export class SourceDocument {
  @PrimaryGeneratedColumn()
  id: number;

  /** Where the document lives: a corpus-relative path, a URL or `dataset:<name>`. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  uri: string;

  /** sha256 of the document's bytes as read; an unchanged hash means nothing to import. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ name: 'imported_at', type: 'timestamptz', default: () => 'now()' })
  importedAt: Date;
}
