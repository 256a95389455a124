import { Field, ID, InputType } from 'type-graphql';
import { OptionalText, OptionalUrl, RequiredLine, Slug, TEXT_MAX } from '../graphql/input-rules';

/** Fields a project can be created or updated with; omitted fields are left as they are. */
@InputType('ProjectFields', { description: 'Fields shared by the create and update inputs.' })
class ProjectFields {
  @Field(() => String, { nullable: true, description: 'What the project is.' })
  @OptionalText(TEXT_MAX)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Source repository (http or https).' })
  @OptionalUrl()
  repositoryUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Home page (http or https).' })
  @OptionalUrl()
  homepageUrl?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the community that runs it; null for a project run elsewhere.' })
  community?: string | null;
}

/** A new project. */
@InputType({ description: 'A new project.' })
export class ProjectCreateInput extends ProjectFields {
  @Field({ description: 'Stable, URL-safe key, e.g. `seata`; no other project may answer to it.' })
  @Slug()
  slug: string;

  @Field({ description: 'Canonical name; no other project may answer to it.' })
  @RequiredLine()
  name: string;
}

/** Changes to a project: only the fields given change; null clears an optional field. */
@InputType({ description: 'Changes to a project: only the fields given change; null clears an optional field.' })
export class ProjectUpdateInput extends ProjectFields {
  @Field(() => String, { nullable: true, description: 'Stable, URL-safe key.' })
  @Slug()
  slug?: string;

  @Field(() => String, { nullable: true, description: 'Canonical name.' })
  @RequiredLine()
  name?: string;
}

/** A name a project is also known by. */
@InputType({ description: 'A project and another name it is known by (a former name, a spelling).' })
export class ProjectAliasInput {
  @Field(() => ID, { description: 'ID of the project.' })
  project: string;

  @Field({ description: 'The other name, e.g. `Fescar` for Seata.' })
  @RequiredLine(100)
  alias: string;
}
