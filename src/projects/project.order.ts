import { registerEnumType } from 'type-graphql';
import type { SortKey } from '../lists/keyset-page';
import { OrderDirection } from '../graphql/order-direction.enum';
import { orderInput } from '../graphql/order-input';

/** Fields projects can be ordered by. */
export enum ProjectOrderField {
  NAME = 'NAME',
  SLUG = 'SLUG',
  CREATED_AT = 'CREATED_AT',
}

registerEnumType(ProjectOrderField, {
  name: 'ProjectOrderField',
  description: 'Fields projects can be ordered by.',
  valuesConfig: {
    NAME: { description: 'Name, alphabetically.' },
    SLUG: { description: 'Slug, alphabetically.' },
    CREATED_AT: { description: 'When the project was first stored.' },
  },
});

/** Ordering of a list of projects. */
export const ProjectOrder = orderInput<ProjectOrderField>(ProjectOrderField, 'ProjectOrder', 'projects');
/** Ordering of a list of projects. */
export type ProjectOrder = InstanceType<typeof ProjectOrder>;

/** Sort keys of each project order, over `project p`. */
export const projectSortKeys: Record<ProjectOrderField, SortKey[]> = {
  NAME: [{ sql: 'p.name', type: 'text' }],
  SLUG: [{ sql: 'p.slug', type: 'text' }],
  CREATED_AT: [{ sql: 'p.created_at', type: 'timestamptz' }],
};

/** Projects by name, A to Z. */
export const PROJECTS_BY_NAME = { field: ProjectOrderField.NAME, direction: OrderDirection.ASC };
