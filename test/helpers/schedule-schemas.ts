import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'fs';
import { corpusPath } from './corpus';
import { XsdStructure } from './xsd-structure';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

/** schedule.xml.xsd from the sample folder, as a structure checker (no XSD validator is in node_modules). */
export function scheduleXsd(): XsdStructure {
  return new XsdStructure(readFileSync(corpusPath('schedules/c3voc/schedule.xml.xsd'), 'utf8'));
}

/**
 * The C3VOC schedule.json schema from the sample folder, compiled by Ajv (draft-06, formats
 * checked; `color`, a format of its own, as the hex colour its examples use). Returns the
 * violations of a document, `pointer message`; empty when valid.
 */
export function scheduleJsonSchema(): (document: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  ajv.addFormat('color', /^#[0-9a-fA-F]{6}$/);
  const validate = ajv.compile(JSON.parse(readFileSync(corpusPath('schedules/c3voc/schema.json'), 'utf8')));
  return (document) => (validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
}
