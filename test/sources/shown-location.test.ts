import { describe, expect, it } from 'vitest';
import { shownLocation } from '../../src/sources/shown-location';

describe('shownLocation', () => {
  const roots = ['/srv/corpus', '/home/ann/schedules'];
  it('shows a path below a root relative to it', () => {
    expect(shownLocation('/srv/corpus/fosdem/2018.xml', roots)).toBe('fosdem/2018.xml');
    expect(shownLocation('/home/ann/schedules/democon.json', roots)).toBe('democon.json');
  });
  it('shows a path outside every root, or a root itself, by its name alone', () => {
    expect(shownLocation('/home/ann/private/talks.ics', roots)).toBe('talks.ics');
    expect(shownLocation('/srv/corpus2/x.xml', roots)).toBe('x.xml');
    expect(shownLocation('/srv/corpus', roots)).toBe('corpus');
  });
  it('leaves links, corpus-relative paths and dataset names as they are', () => {
    for (const uri of ['https://example.org/a.md', 'events/2024/index.md', 'dataset:sofa-6th-anniversary'])
      expect(shownLocation(uri, roots)).toBe(uri);
  });
});
