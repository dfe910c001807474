/** Escaping for GitHub Flavored Markdown: table cells, inline text, HTML and fenced blocks. */

/** Backslash-escapes the punctuation that could start markup in running text or a table cell. */
export function inline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A code span that survives backticks in `text`; `|` is escaped so it also works in a table cell (GFM). */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${ticks}${padded.replace(/\r?\n/g, ' ').replaceAll('|', '\\|')}${ticks}`;
}

export function html(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A fenced block whose fence is longer than any backtick run inside it. */
export function fenced(lines: string[], language: string): string[] {
  const longest = Math.max(0, ...lines.flatMap((line) => line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, ...lines, fence];
}
