import type { ClassType } from 'type-graphql';
import { Field, Int, ObjectType } from 'type-graphql';

/** Relay page information. */
@ObjectType({ simpleResolvers: true, description: 'Information to continue paginating a list.' })
export class PageInfo {
  @Field({ description: 'Whether more elements follow the last one of this page.' })
  hasNextPage: boolean;

  @Field({ description: 'Whether elements precede the first one of this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first element of this page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last element of this page.' })
  endCursor: string | null;
}

/** One element of a page with its cursor. */
export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A page of a list; its rows and its total are each read only when a client asks for them. */
export interface Page<T> {
  edges: () => Promise<Edge<T>[]>;
  pageInfo: () => Promise<PageInfo>;
  count: () => Promise<number>;
}

/** The connection and edge object types of a node type, named `<Name>Connection` and `<Name>Edge`. */
export function connectionTypes<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `An element of a list of ${name} objects, with its cursor.` })
  class EdgeType implements Edge<T> {
    @Field({ description: 'Opaque cursor of this element, for `after` and `before`.' })
    cursor: string;

    @Field(() => nodeType, { description: 'The element.' })
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A paginated list of ${name} objects.` })
  class ConnectionType {
    constructor(private readonly page: Page<T>) {}

    @Field(() => [EdgeType], { description: 'The elements of this page, with cursors.' })
    get edges(): Promise<Edge<T>[]> {
      return this.page.edges();
    }

    @Field(() => [nodeType], { description: 'The elements of this page, without cursors.' })
    get nodes(): Promise<T[]> {
      return this.page.edges().then((edges) => edges.map((edge) => edge.node));
    }

    @Field(() => PageInfo, { description: 'Information to continue paginating.' })
    get pageInfo(): Promise<PageInfo> {
      return this.page.pageInfo();
    }

    @Field(() => Int, { description: 'How many elements the whole list has, across all pages.' })
    get totalCount(): Promise<number> {
      return this.page.count();
    }
  }

  return { EdgeType, ConnectionType };
}
