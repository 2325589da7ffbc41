/** A plain-text table: header, rule, rows; columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        return /^[-+]?[\d.,×%]+/.test(c) && i > 0 ? c.padStart(w) : c.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function section(title: string, note?: string): string {
  const bar = '='.repeat(Math.max(20, title.length));
  return `\n${title}\n${bar}${note === undefined ? '' : `\n${note}`}`;
}
