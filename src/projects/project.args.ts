import { ArgsType } from 'type-graphql';
import { connectionTypes } from '../graphql/connection';
import { listArgs } from '../lists/list-args';
import { Project } from './project.entity';
import { ProjectFilter } from './project.filter';
import { ProjectOrder } from './project.order';

/** Arguments of every list of projects. */
@ArgsType()
export class ProjectListArgs extends listArgs(ProjectFilter, ProjectOrder, 'projects', 'by name') {}

/** A page of projects. */
export const { ConnectionType: ProjectConnection } = connectionTypes(Project, 'Project');
