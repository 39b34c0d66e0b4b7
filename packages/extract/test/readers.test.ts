import { describe, expect, it } from 'vitest';
import { detectFormat, extractArticle } from '../src/extract.ts';

const html = `<!doctype html>
<html lang="en-GB"><head>
<title>Ignored title | Outlet</title>
<meta property="og:site_name" content="The Example News">
<meta property="og:url" content="https://news.example.org/a">
<meta property="article:published_time" content="2026-02-19T08:00:00Z">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD headline","author":{"name":"Sarah Lindqvist"}}</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">“Home”</a></nav>
<article>
<h1>Former executive jailed for &ldquo;fraud&rdquo;</h1>
<p class="byline">By <a rel="author">Sarah Lindqvist</a></p>
<figure><img src="x.jpg"><figcaption>“A caption quote,” said Nobody Here.</figcaption></figure>
<p>&ldquo;You treated savings as your own,&rdquo; Judge Alison Carter said.</p>
<aside class="related"><a href="/b">“Another story,” says Someone Else</a></aside>
<p>Vane&rsquo;s barrister, Jonathan Hale, said his client &ldquo;accepts the verdict&rdquo;.</p>
<script>var s = "“not a quote,” said Script Person";</script>
</article>
<footer>“Copyright” The Example News</footer>
</body></html>`;

describe('HTML articles', () => {
  const article = extractArticle({ text: html });

  it('is detected as HTML and reads headline, byline, date, outlet, URL and language', () => {
    expect(article.format).toBe('html');
    expect(article.metadata.headline?.text).toBe('Former executive jailed for “fraud”');
    expect(article.metadata.byline?.text).toBe('Sarah Lindqvist');
    expect(article.metadata.publishedOn).toBe('2026-02-19');
    expect(article.metadata.outlet).toBe('The Example News');
    expect(article.metadata.url).toBe('https://news.example.org/a');
    expect(article.metadata.language).toBe('en-GB');
  });

  it('takes the article body only: no navigation, captions, related links, scripts or footers', () => {
    expect(article.body).toBe(
      '“You treated savings as your own,” Judge Alison Carter said.\n\nVane’s barrister, Jonathan Hale, said his client “accepts the verdict”.',
    );
    expect(article.quotes.map((q) => q.text)).toEqual([
      'You treated savings as your own,',
      'accepts the verdict',
    ]);
  });

  it('maps offsets back into the HTML, entities included', () => {
    const [first, second] = article.quotes;
    expect(html.slice(first?.span.start, first?.span.end)).toBe('You treated savings as your own,');
    expect(html.slice(second?.span.start, second?.span.end)).toBe('accepts the verdict');
    const speaker = first?.speakerText;
    expect(speaker && html.slice(speaker.span.start, speaker.span.end)).toBe('Judge Alison Carter');
  });
});

describe('Markdown articles', () => {
  const markdown = `---
title: "Hartley Rovers relegated"
author: Tom Ferris
date: 2026-05-03
url: https://news.example.org/sport/rovers
---

The **manager**, Stefan Novak, was [devastated](https://x.example). “It’s the worst day of my career,” he said.

## Reaction

“We switched off,” said Luis Ferreira.
`;
  const article = extractArticle({ text: markdown });

  it('reads the front matter', () => {
    expect(article.format).toBe('markdown');
    expect(article.metadata.headline?.text).toBe('Hartley Rovers relegated');
    expect(article.metadata.byline?.text).toBe('Tom Ferris');
    expect(article.metadata.publishedOn).toBe('2026-05-03');
    expect(article.metadata.url).toBe('https://news.example.org/sport/rovers');
  });

  it('drops inline markup from the body and keeps exact offsets', () => {
    expect(article.body).toContain('The manager, Stefan Novak, was devastated.');
    for (const quote of article.quotes) {
      expect(markdown.slice(quote.span.start, quote.span.end)).toBe(quote.text);
    }
    expect(article.quotes.map((q) => q.text)).toEqual([
      'It’s the worst day of my career,',
      'We switched off,',
    ]);
  });
});

describe('plain text articles', () => {
  it('takes a short first line as headline and "By" and date lines as byline and date', () => {
    const text =
      'Council approves reservoir plan\nBy Owen Pryce\n30 January 2026\n\n“We have no choice,” Siân Howells said.\n';
    const article = extractArticle({ text });
    expect(article.format).toBe('text');
    expect(article.metadata.headline?.text).toBe('Council approves reservoir plan');
    expect(article.metadata.byline?.text).toBe('Owen Pryce');
    expect(article.metadata.publishedOn).toBe('2026-01-30');
    expect(article.body).toBe('“We have no choice,” Siân Howells said.');
  });

  it('detects formats from content', () => {
    expect(detectFormat('<p>hello</p>')).toBe('html');
    expect(detectFormat('# Title\n\ntext')).toBe('markdown');
    expect(detectFormat('Just words, “quoted”.')).toBe('text');
  });
});
