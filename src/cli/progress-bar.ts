/** A one-line progress bar redrawn in place; draws nothing unless the stream is a terminal. */
export function progressBar(stream: NodeJS.WriteStream = process.stdout): {
  update(done: number, total: number, label: string): void;
  end(): void;
} {
  const width = 30;
  let drawn = false;
  return {
    update(done, total, label) {
      if (!stream.isTTY) return;
      const filled = total ? Math.round((done / total) * width) : width;
      const room = Math.max(10, (stream.columns ?? 80) - width - 20);
      const tail = label.length > room ? `…${label.slice(-(room - 1))}` : label;
      stream.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${tail}`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
