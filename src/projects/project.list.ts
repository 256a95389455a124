import { fromJson } from '../lists/json-columns';
import { selectColumns } from '../database/entity-columns';
import type { ListDefinition } from '../lists/list-definition';
import { ProjectFilter, projectConditions } from './project.filter';
import { ProjectOrderField, projectSortKeys } from './project.order';
import { Project } from './project.entity';

/** How projects are listed, at the root and under a community. */
export const projectList: ListDefinition<Project, ProjectFilter, ProjectOrderField> = {
  name: 'projects',
  from: 'project p',
  columns: (fields) => selectColumns(Project, 'p', fields),
  id: 'p.id',
  sort: projectSortKeys,
  filter: projectConditions,
  parents: {
    community: (ref) => `p.community_id = ${ref}`,
  },
  map: (row) => fromJson(Project, row),
};
