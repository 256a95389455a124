/** Characters XML 1.0 does not allow in a document, even as references: C0 controls but tab and line ends, lone surrogates, U+FFFE and U+FFFF. */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Text as XML character data or an attribute value: markup characters escaped (so `]]>` and
 * `</title>` stay text), and characters XML cannot carry at all dropped rather than written
 * into a document no parser would open.
 */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
