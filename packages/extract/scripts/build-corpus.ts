// Builds packages/extract/corpus/*.{txt,md,html} and *.labels.json from the annotated sources in
// corpus/src. A source marks each labelled quotation with ⟦Speaker⟧ right before its opening mark.
// Run: npx tsx packages/extract/scripts/build-corpus.ts
// biome-ignore lint/style/noRestrictedImports: a dev script that writes the corpus files
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArticleLabels, LabelledQuote } from './corpus-format.ts';

const corpusDir = join(import.meta.dirname, '..', 'corpus');
const sourceDir = join(corpusDir, 'src');

interface Paragraph {
  text: string;
  /** Labelled quotes with offsets into `text`. */
  quotes: { start: number; end: number; speaker: string }[];
}

const CLOSING: Record<string, string> = { '“': '”', '"': '"', '‘': '’', "'": "'" };

function parseParagraph(
  annotated: string,
  carryOpen: boolean,
): { paragraph: Paragraph; open: boolean } {
  let text = '';
  const pending: { at: number; speaker: string }[] = [];
  const marker = /⟦([^⟧]+)⟧/g;
  let last = 0;
  for (const match of annotated.matchAll(marker)) {
    text += annotated.slice(last, match.index);
    pending.push({ at: text.length, speaker: match[1] ?? '' });
    last = match.index + match[0].length;
  }
  text += annotated.slice(last);
  const quotes: Paragraph['quotes'] = [];
  let open = false;
  for (const { at, speaker } of pending) {
    const mark = text.charAt(at);
    const closing = CLOSING[mark];
    if (!closing) throw new Error(`marker not before a quote mark: ${text.slice(at, at + 30)}`);
    let close = -1;
    for (let i = at + 1; i < text.length; i++) {
      if (text.charAt(i) === closing && !(closing === '’' && /\p{L}/u.test(text.charAt(i + 1)))) {
        close = i;
        break;
      }
    }
    const end = close < 0 ? text.length : close;
    if (close < 0) open = true;
    quotes.push({ start: at + 1, end, speaker });
  }
  void carryOpen;
  return { paragraph: { text, quotes }, open };
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function humanDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

for (const name of readdirSync(sourceDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  const source = readFileSync(join(sourceDir, name), 'utf8');
  const [head = '', bodyText = ''] = source.split(/^---$/m);
  const meta: Record<string, string> = {};
  for (const line of head.split('\n')) {
    const m = /^(\w+):\s*(.*)$/.exec(line);
    if (m?.[1]) meta[m[1]] = m[2] ?? '';
  }
  const format = (meta.format ?? 'text') as ArticleLabels['format'];
  const paragraphs: Paragraph[] = [];
  let open = false;
  for (const line of bodyText.split('\n').filter((l) => l.trim().length > 0)) {
    const parsed = parseParagraph(line.trim(), open);
    paragraphs.push(parsed.paragraph);
    open = parsed.open;
  }
  const bylineName = (meta.byline ?? '').replace(/^By\s+/, '');
  const dateIso = /^\d{4}-\d{2}-\d{2}$/.test(meta.date ?? '')
    ? (meta.date ?? '')
    : new Date(`${meta.date} UTC`).toISOString().slice(0, 10);
  let output = '';
  const quotes: LabelledQuote[] = [];
  const place = (paragraph: Paragraph, at: number, encode: (t: string) => string) => {
    for (const q of paragraph.quotes) {
      const start = at + encode(paragraph.text.slice(0, q.start)).length;
      const end = at + encode(paragraph.text.slice(0, q.end)).length;
      quotes.push({ start, end, text: paragraph.text.slice(q.start, q.end), speaker: q.speaker });
    }
    return encode(paragraph.text);
  };
  const identity = (t: string) => t;
  let extension = 'txt';
  if (format === 'text') {
    output = `${meta.title}\n${meta.byline}\n${meta.date}\n\n`;
    for (const p of paragraphs) output += `${place(p, output.length, identity)}\n`;
  } else if (format === 'markdown') {
    extension = 'md';
    output = `---\ntitle: "${meta.title}"\nauthor: ${bylineName}\ndate: ${dateIso}\n${meta.url ? `url: ${meta.url}\n` : ''}---\n\n`;
    paragraphs.forEach((p, i) => {
      if (i === 3) output += '## Reaction\n\n';
      output += `${place(p, output.length, identity)}\n\n`;
    });
  } else {
    extension = 'html';
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: meta.title,
      datePublished: `${dateIso}T08:00:00Z`,
      author: { '@type': 'Person', name: bylineName },
    });
    output = `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(meta.title ?? '')} | The Example News</title>\n<meta property="og:title" content="${escapeHtml(meta.title ?? '')}">\n<meta property="og:site_name" content="The Example News">\n${meta.url ? `<meta property="og:url" content="${meta.url}">\n` : ''}<meta name="author" content="${bylineName}">\n<script type="application/ld+json">${ld}</script>\n<style>.byline{font-weight:bold}</style>\n</head>\n<body>\n<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/opinion">“Opinion”</a></nav></header>\n<main>\n<article>\n<h1>${escapeHtml(meta.title ?? '')}</h1>\n<p class="byline">By <a rel="author" href="/profile">${bylineName}</a></p>\n<time datetime="${dateIso}">${humanDate(dateIso)}</time>\n<figure><img src="lead.jpg" alt="A street scene"><figcaption>“We will rebuild,” says a sign held by a resident. Photograph: Agency</figcaption></figure>\n`;
    paragraphs.forEach((p, i) => {
      if (i === 4) {
        output +=
          '<aside class="related"><h2>Related stories</h2><ul><li><a href="/other">“No more delays,” says minister in separate row</a></li></ul></aside>\n';
      }
      output += '<p>';
      output += place(p, output.length, escapeHtml);
      output += '</p>\n';
    });
    output +=
      '</article>\n</main>\n<footer><p>“The Example News” is a made-up outlet. <a href="/privacy">Privacy</a></p></footer>\n<script>window.analytics = {"page": "“article”"};</script>\n</body>\n</html>\n';
  }
  const base = name.replace(/\.txt$/, '');
  const file = `${base}.${extension}`;
  for (const q of quotes) {
    const raw = output.slice(q.start, q.end);
    if (format !== 'html' && raw !== q.text)
      throw new Error(`${file}: span mismatch for ${q.text}`);
  }
  writeFileSync(join(corpusDir, file), output);
  const labels: ArticleLabels = {
    file,
    format,
    headline: meta.title ?? '',
    byline: bylineName,
    publishedOn: dateIso,
    split: meta.split === 'held-out' ? 'held-out' : 'development',
    quotes,
  };
  writeFileSync(join(corpusDir, `${base}.labels.json`), `${JSON.stringify(labels, null, 2)}\n`);
  console.log(`${file}: ${quotes.length} quotes`);
}
