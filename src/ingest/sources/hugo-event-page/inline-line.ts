/** A link as a reader sees it: the words it shows and where it points. */
export interface PageLink {
  text: string;
  url: string;
}

/** One line of text as a reader sees it, with what its markup said. */
export interface InlineLine {
  /** The words, without markup, whitespace collapsed. */
  text: string;
  /** Whether every visible character stands in bold. */
  bold: boolean;
  /** The bold runs, in order. */
  strong: string[];
  links: PageLink[];
}

/**
 * Collects lines from a stream of text, bold and link events, as both the markdown and the
 * HTML readers produce them; every event costs time in proportion to its text only.
 */
export class LineBuilder {
  readonly lines: InlineLine[] = [];
  private parts: string[] = [];
  private strongParts: string[] | null = null;
  private strongDepth = 0;
  private strong: string[] = [];
  private plainSeen = false;
  private links: PageLink[] = [];
  private link: { url: string; parts: string[] } | null = null;

  text(text: string): void {
    if (!text) return;
    this.parts.push(text);
    this.link?.parts.push(text);
    if (this.strongDepth > 0) this.strongParts!.push(text);
    else if (/\S/.test(text)) this.plainSeen = true;
  }

  strongOpen(): void {
    if (this.strongDepth++ === 0) this.strongParts = [];
  }

  strongClose(): void {
    if (this.strongDepth === 0) return;
    if (--this.strongDepth === 0) this.endStrong();
  }

  linkOpen(url: string): void {
    this.link = { url, parts: [] };
  }

  linkClose(): void {
    if (this.link) this.links.push({ text: tidy(this.link.parts.join('')), url: this.link.url });
    this.link = null;
  }

  /** Ends the current line (a line break, a `<br>`, the end of a block). */
  br(): void {
    if (this.strongDepth > 0) this.endStrong();
    this.linkClose();
    const text = tidy(this.parts.join(''));
    if (text || this.links.length)
      this.lines.push({ text, bold: text !== '' && !this.plainSeen && this.strong.length > 0, strong: this.strong, links: this.links });
    this.parts = [];
    this.strong = [];
    this.links = [];
    this.plainSeen = false;
    if (this.strongDepth > 0) this.strongParts = [];
  }

  private endStrong(): void {
    const run = tidy(this.strongParts?.join('') ?? '');
    if (run) this.strong.push(run);
    this.strongParts = this.strongDepth > 0 ? [] : null;
  }
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
