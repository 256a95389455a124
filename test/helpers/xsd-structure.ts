import { SaxesParser } from 'saxes';

/**
 * A small checker of XML documents against an XML Schema, for the subset schedule.xml.xsd uses:
 * no XSD validator is in node_modules, so this one reads the XSD itself (elements, their order
 * in xs:sequence, xs:all and xs:choice, minOccurs and maxOccurs, required and declared
 * attributes, simple types by pattern, union and the built-in types it names, xs:unique on
 * attribute and element values) and reports every violation with the element's line. It does
 * not implement XSD at large (no namespaces, imports, substitution groups or facets beyond patterns).
 */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

/** Parses XML into a tree (tests only: small documents). */
export function parseXmlTree(text: string): XmlNode {
  const parser = new SaxesParser({ position: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  parser.on('opentag', (tag) => {
    const node: XmlNode = {
      name: tag.name,
      attributes: { ...(tag.attributes as Record<string, string>) },
      children: [],
      text: '',
      line: parser.line,
    };
    if (stack.length) stack[stack.length - 1].children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('text', (t) => stack.length && (stack[stack.length - 1].text += t));
  parser.on('cdata', (t) => stack.length && (stack[stack.length - 1].text += t));
  parser.on('closetag', () => stack.pop());
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(text).close();
  return root!;
}

const local = (name: string) => name.replace(/^xs:/, '');
const BUILT_IN: Record<string, RegExp> = {
  string: /^[\s\S]*$/,
  anyURI: /^[\s\S]*$/,
  integer: /^[+-]?\d+$/,
  positiveInteger: /^\+?0*[1-9]\d*$/,
  boolean: /^(true|false|1|0)$/,
  date: /^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/,
  dateTime: /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
};

/** A schema read from XSD text, able to check a document. */
export class XsdStructure {
  private readonly types = new Map<string, XmlNode>();
  private readonly root: XmlNode;

  constructor(xsd: string) {
    const schema = parseXmlTree(xsd);
    for (const child of schema.children)
      if (child.attributes.name && local(child.name) !== 'element') this.types.set(child.attributes.name, child);
    this.root = schema.children.find((c) => local(c.name) === 'element')!;
  }

  /** Every violation of `document` against the schema, `line: reason`; empty when valid. */
  check(document: string): string[] {
    const errors: string[] = [];
    const tree = parseXmlTree(document);
    if (tree.name !== this.root.attributes.name)
      errors.push(`${tree.line}: root <${tree.name}>, the schema's is <${this.root.attributes.name}>`);
    else this.element(tree, this.root, errors);
    for (const unique of this.root.children.filter((c) => local(c.name) === 'unique')) this.unique(tree, unique, errors);
    return errors;
  }

  private element(node: XmlNode, declaration: XmlNode, errors: string[]): void {
    const inline = declaration.children.find((c) => local(c.name) === 'complexType' || local(c.name) === 'simpleType');
    const typeName = declaration.attributes.type;
    const type = inline ?? (typeName ? this.types.get(typeName) : undefined);
    if (!type) {
      const fail = this.simpleValue(node.text, typeName ?? 'xs:string');
      if (node.children.length) errors.push(`${node.line}: <${node.name}> is of simple type ${typeName}; it holds elements`);
      if (fail) errors.push(`${node.line}: <${node.name}> ${fail}`);
      return;
    }
    if (local(type.name) === 'simpleType') {
      const fail = this.simpleType(node.text, type);
      if (node.children.length) errors.push(`${node.line}: <${node.name}> holds elements`);
      if (fail) errors.push(`${node.line}: <${node.name}> ${fail}`);
      return;
    }
    this.complex(node, type, errors);
  }

  private complex(node: XmlNode, type: XmlNode, errors: string[]): void {
    const simpleContent = type.children.find((c) => local(c.name) === 'simpleContent');
    const extension = simpleContent?.children[0];
    const attributeHolder = extension ?? type;
    const attributes = attributeHolder.children.filter((c) => local(c.name) === 'attribute');
    const anyAttribute = attributeHolder.children.some((c) => local(c.name) === 'anyAttribute');
    for (const a of attributes) {
      const value = node.attributes[a.attributes.name];
      if (value === undefined) {
        if (a.attributes.use === 'required') errors.push(`${node.line}: <${node.name}> lacks the required attribute ${a.attributes.name}`);
        continue;
      }
      const fail = this.simpleValue(value, a.attributes.type ?? 'xs:string');
      if (fail) errors.push(`${node.line}: <${node.name}> attribute ${a.attributes.name} ${fail}`);
    }
    for (const name of Object.keys(node.attributes)) {
      if (!anyAttribute && !attributes.some((a) => a.attributes.name === name))
        errors.push(`${node.line}: <${node.name}> has the undeclared attribute ${name}`);
    }
    if (extension) {
      if (node.children.length) errors.push(`${node.line}: <${node.name}> has simple content; it holds elements`);
      const fail = this.simpleValue(node.text, extension.attributes.base);
      if (fail) errors.push(`${node.line}: <${node.name}> ${fail}`);
      return;
    }
    if (node.text.trim())
      errors.push(`${node.line}: <${node.name}> holds text "${node.text.trim().slice(0, 40)}" where only elements are allowed`);
    const group = type.children.find((c) => ['sequence', 'all', 'choice'].includes(local(c.name)));
    if (!group) {
      if (node.children.length) errors.push(`${node.line}: <${node.name}> must be empty`);
      return;
    }
    if (local(group.name) === 'all') return this.all(node, group, errors);
    const at = this.particle(node.children, 0, group, errors);
    for (const extra of node.children.slice(at))
      errors.push(`${extra.line}: <${extra.name}> is not allowed here in <${node.name}> (out of order or undeclared)`);
    for (const missing of this.missing(node.children, group)) errors.push(`${node.line}: <${node.name}> lacks <${missing}>`);
  }

  private all(node: XmlNode, group: XmlNode, errors: string[]): void {
    const declared = new Map(group.children.map((d) => [d.attributes.name, d]));
    const seen = new Set<string>();
    for (const child of node.children) {
      const declaration = declared.get(child.name);
      if (!declaration) errors.push(`${child.line}: <${child.name}> is not declared in <${node.name}>`);
      else if (seen.has(child.name)) errors.push(`${child.line}: <${child.name}> occurs twice in <${node.name}>`);
      else this.element(child, declaration, errors);
      seen.add(child.name);
    }
    for (const [name, d] of declared)
      if (d.attributes.minOccurs !== '0' && !seen.has(name)) errors.push(`${node.line}: <${node.name}> lacks <${name}>`);
  }

  /** Matches children from `at` against a particle (element, sequence or choice) as often as it may occur; returns where it stopped. */
  private particle(children: XmlNode[], at: number, particle: XmlNode, errors: string[]): number {
    const max = particle.attributes.maxOccurs === 'unbounded' ? Infinity : Number(particle.attributes.maxOccurs ?? 1);
    let count = 0;
    while (count < max && at < children.length) {
      const next = this.once(children, at, particle, errors);
      if (next === at) break;
      at = next;
      count++;
    }
    return at;
  }

  private once(children: XmlNode[], at: number, particle: XmlNode, errors: string[]): number {
    const kind = local(particle.name);
    if (kind === 'element') {
      if (children[at].name !== particle.attributes.name) return at;
      this.element(children[at], particle, errors);
      return at + 1;
    }
    if (kind === 'sequence') {
      for (const p of particle.children) at = this.particle(children, at, p, errors);
      return at;
    }
    if (kind === 'choice') {
      for (const p of particle.children) {
        const next = this.once(children, at, p, errors);
        if (next !== at) return next;
      }
    }
    return at;
  }

  /** Elements a sequence requires (minOccurs not 0) that `children` lack. */
  private missing(children: XmlNode[], group: XmlNode): string[] {
    if (local(group.name) !== 'sequence') return [];
    return group.children
      .filter((p) => local(p.name) === 'element' && p.attributes.minOccurs !== '0')
      .map((p) => p.attributes.name)
      .filter((name) => !children.some((c) => c.name === name));
  }

  private simpleValue(value: string, typeName: string): string | null {
    if (typeName.startsWith('xs:')) return BUILT_IN[local(typeName)].test(value) ? null : `"${value.slice(0, 60)}" is not an ${typeName}`;
    const type = this.types.get(typeName);
    if (!type) return `names the unknown type ${typeName}`;
    return this.simpleType(value, type);
  }

  private simpleType(value: string, type: XmlNode): string | null {
    const body = type.children[0];
    if (local(body.name) === 'union') {
      const members = body.attributes.memberTypes.split(/\s+/);
      return members.some((m) => this.simpleValue(value, m) === null) ? null : `"${value.slice(0, 60)}" is none of ${members.join(', ')}`;
    }
    const base = this.simpleValue(value, body.attributes.base);
    if (base) return base;
    const patterns = body.children.filter((c) => local(c.name) === 'pattern').map((c) => c.attributes.value);
    if (patterns.length && !patterns.some((p) => new RegExp(`^(?:${p})$`).test(value)))
      return `"${value.slice(0, 60)}" does not match ${type.attributes.name ?? 'its type'} (${patterns.join(' | ')})`;
    return null;
  }

  private unique(tree: XmlNode, unique: XmlNode, errors: string[]): void {
    const selector = unique.children.find((c) => local(c.name) === 'selector')!.attributes.xpath.split('/');
    const field = unique.children.find((c) => local(c.name) === 'field')!.attributes.xpath;
    let nodes = [tree];
    for (const step of selector) nodes = nodes.flatMap((n) => n.children.filter((c) => c.name === step));
    const seen = new Map<string, number>();
    for (const node of nodes) {
      const value = field === '.' ? node.text : field.startsWith('@') ? node.attributes[field.slice(1)] : undefined;
      if (value === undefined) continue;
      const first = seen.get(value);
      if (first !== undefined) errors.push(`${node.line}: ${unique.attributes.name}: "${value}" repeats the one at line ${first}`);
      else seen.set(value, node.line);
    }
  }
}
