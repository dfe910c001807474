/**
 * Markdown → HTML for the plan page: exactly the subset `renderPlanMarkdown` writes (headings,
 * paragraphs, pipe tables, `-` lists, `>` quotes, fenced code, code spans, backslash escapes and
 * its `<details><summary>` folds). Everything is escaped through `html`; the only markup that
 * passes is the fold, whose inner text the renderer escaped already (`markdown-escape.ts` `html`).
 * Anything else that looks like HTML is shown as text.
 */
import { html, trusted, type SafeHtml } from './html.js';

/** Inline text: code spans (any number of backticks), backslash escapes; the rest is text. */
export function inlineMarkdown(text: string): SafeHtml {
  const parts: SafeHtml[] = [];
  let plain = '';
  let i = 0;
  const flush = (): void => {
    if (plain) parts.push(html`${plain}`);
    plain = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(text.slice(i))![0];
      const end = text.indexOf(run, i + run.length);
      if (end > 0) {
        flush();
        let inner = text.slice(i + run.length, end).replaceAll('\\|', '|');
        if (inner.startsWith(' ') && inner.endsWith(' ') && inner.trim()) inner = inner.slice(1, -1);
        parts.push(html`<code>${inner}</code>`);
        i = end + run.length;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
  return html`${parts}`;
}

/** A table row's cells, split on `|` that is not escaped and not inside a code span. */
function cells(line: string): string[] {
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const out: string[] = [];
  let cell = '';
  let ticks = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && body[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (c === '`') {
      ticks = ticks ? 0 : 1;
      cell += c;
    } else if (c === '|' && !ticks) {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

/** The fold lines the plan writes; their text is already HTML-escaped, the tags are the only markup. */
const DETAILS_OPEN = /^<details><summary>((?:<code>[^<>]*<\/code>|[^<>])*)<\/summary>$/;

function foldSummary(inner: string): SafeHtml {
  // Re-escape what is not one of the two known tags: the text had entities only.
  const pieces = inner.split(/(<code>|<\/code>)/).map((p) => (p === '<code>' || p === '</code>' ? trusted(p) : html`${decodeEntities(p)}`));
  return html`${pieces}`;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '');
}

export function renderMarkdown(source: string): SafeHtml {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const out: SafeHtml[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^(`{3,})(\S*)\s*$/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== fence[1]) body.push(lines[i++]!);
      i++;
      const lang = fence[2] ?? '';
      out.push(html`<pre${lang ? html` class="language-${lang}"` : ''}><code>${body.join('\n')}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      // The page's own h1 is the title: plan headings start at h2.
      const level = Math.min(6, Math.max(2, heading[1]!.length - 1));
      out.push(html`${trusted(`<h${level}>`)}${inlineMarkdown(heading[2]!)}${trusted(`</h${level}>`)}`);
      i++;
      continue;
    }
    const details = DETAILS_OPEN.exec(line);
    if (details) {
      out.push(html`<details><summary>${foldSummary(details[1]!)}</summary>`);
      i++;
      continue;
    }
    if (line === '</details>') {
      out.push(trusted('</details>'));
      i++;
      continue;
    }
    if (line.startsWith('|') && /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && lines[i]!.startsWith('|')) rows.push(cells(lines[i++]!));
      out.push(html`<table><thead><tr>${head.map((h) => html`<th scope="col">${h ? inlineMarkdown(h) : html`<span class="muted">Change</span>`}</th>`)}</tr></thead><tbody>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${inlineMarkdown(c)}</td>`)}</tr>`)}</tbody></table>`);
      continue;
    }
    if (line.startsWith('> ') || line === '>') {
      const quoted: string[] = [];
      while (i < lines.length && (lines[i]!.startsWith('> ') || lines[i] === '>')) quoted.push(lines[i++]!.replace(/^> ?/, ''));
      out.push(html`<blockquote>${renderMarkdown(quoted.join('\n'))}</blockquote>`);
      continue;
    }
    if (/^- /.test(line)) {
      const items: string[] = [];
      while (i < lines.length && /^- /.test(lines[i]!)) items.push(lines[i++]!.slice(2));
      out.push(html`<ul>${items.map((it) => html`<li>${inlineMarkdown(it)}</li>`)}</ul>`);
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6}\s|- |> |`{3,}|\||<details>|<\/details>)/.test(lines[i]!)) para.push(lines[i++]!);
    if (para.length === 0) para.push(lines[i++]!);
    out.push(html`<p>${inlineMarkdown(para.join(' '))}</p>`);
  }
  return html`${out}`;
}
