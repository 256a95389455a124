import { createHash } from 'node:crypto';

/** How many distinct statements get a name; past it statements run unprepared, so memory stays bounded. */
const MAX_NAMED = 500;

/**
 * Names for prepared statements: the same SQL text always gets the same name (a hash of it), so
 * node-postgres prepares it once per connection. Read paths build a bounded set of texts (one
 * per list, filter shape and loader), and values always travel as parameters; a text beyond
 * the first MAX_NAMED distinct ones gets no name and is simply parsed each time.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  /** The name of `text`, or undefined when it should run unprepared. */
  nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < MAX_NAMED) {
      name = `eg_${createHash('sha1').update(text).digest('base64url')}`;
      this.names.set(text, name);
    }
    return name;
  }
}
