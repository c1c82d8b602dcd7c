/*
 * Search that finds Chinese words and phrases (docs/SEARCH.md).
 *
 * Sphinx's searchtools.js looks every query word up whole, but its index holds the pieces jieba cut the
 * pages into (老旧小区 is indexed as 老旧 and 小区), so a Chinese word typed whole found nothing. The book's
 * index (zonebook/sphinx_ext.py) also holds every pair of neighbouring Chinese characters of every page;
 * here the query is cut the same way:
 *
 *   - a run of Chinese characters needs all its pairs on a page (a single character: any term holding it);
 *   - any other word is stemmed as Sphinx stems it (or taken as typed, as the index keeps short acronyms);
 *     numbers are searched too (Sphinx drops them from queries though it indexes them);
 *   - a page must hold every piece of the query that is in the index at all (as in Sphinx, a word found on
 *     no page is passed over rather than hiding every result); its score is the mean of its pieces' scores,
 *     each as Sphinx scores a term (in a title more than in the text), so it stays on Sphinx's scale;
 *   - then the candidate pages are read (as Sphinx reads them for their summaries) and a page whose text
 *     holds the whole query, as typed, ranks above one that holds only its pieces; among those, the page
 *     that says it more often first. A book opened from file:// cannot be read so: there the index's
 *     order stands.
 *
 * Deferred, so it runs after searchtools.js, language_data.js and searchindex.js and before the search
 * page starts its query. Sphinx's own functions are kept for the rest (titles, display, summaries).
 */
"use strict";
(() => {
  if (typeof Search === "undefined" || typeof Stemmer === "undefined") return; // a page without search tools

  // The same ranges as HAN in zonebook/sphinx_ext.py, which indexes the pairs.
  const HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  const IS_HAN = new RegExp(`^[${HAN}]`, "u");
  // Scores: Sphinx's Scorer for a term found in a page or title; a page holding the whole query gets more
  // than any title can give it, so it comes first.
  const PHRASE = 2 * Scorer.title;
  const FREQUENCY = 2 * Scorer.term; // at most, for saying it often

  const fold = (text) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

  /** The query's pieces, in order: {kind: "han" | "word" | "number", text}. Letters and digits run
   * together ("R2") stay one word, as the index's [A-Za-z0-9_]+ keeps them. */
  const piecesOf = (query) => {
    const pieces = [];
    for (const match of fold(query).matchAll(/[\p{L}\p{N}_]+/gu)) {
      for (const part of match[0].split(new RegExp(`([${HAN}]+)`, "u"))) {
        if (!part) continue;
        if (IS_HAN.test(part)) pieces.push({ kind: "han", text: part });
        else pieces.push({ kind: /^\d+$/.test(part) ? "number" : "word", text: part });
      }
    }
    return pieces;
  };

  /** The index terms a piece must be found as, each an alternative list of exact terms plus a partial
   * pattern or none. A page must hold every requirement; null when the piece cannot be in the index. */
  const requirementsOf = (piece, terms, titleTerms) => {
    const has = (t) => terms.hasOwnProperty(t) || titleTerms.hasOwnProperty(t);
    if (piece.kind === "han") {
      const text = piece.text;
      if (text.length === 1) return [{ exact: [], partial: text }]; // no single character is indexed
      const pairs = [];
      for (let i = 0; i + 1 < text.length; i++) pairs.push({ exact: [text.slice(i, i + 2)], partial: null });
      return pairs;
    }
    const word = piece.text;
    if (word.length < 2 || stopwords.includes(word)) return null; // never indexed (Sphinx's word_filter)
    if (piece.kind === "number") return [{ exact: [word], partial: null }];
    const stem = new Stemmer().stemWord(word);
    const exact = [stem, word].filter(has);
    // Sphinx's rule: a word of three letters or more also matches the terms that contain its stem
    return [{ exact, partial: exact.length === 0 && stem.length > 2 ? stem : null }];
  };

  /** file -> best score of one requirement, from the terms and the title terms. */
  const filesFor = (req, terms, titleTerms) => {
    const scores = new Map();
    const add = (files, score) => {
      if (files === undefined) return;
      for (const file of Array.isArray(files) ? files : [files])
        scores.set(file, Math.max(scores.get(file) || 0, score));
    };
    for (const term of req.exact) {
      add(terms[term], Scorer.term);
      add(titleTerms[term], Scorer.title);
    }
    if (req.partial !== null) {
      for (const term of Object.keys(terms)) if (term.includes(req.partial)) add(terms[term], Scorer.partialTerm);
      for (const term of Object.keys(titleTerms))
        if (term.includes(req.partial)) add(titleTerms[term], Scorer.partialTitle);
    }
    return scores;
  };

  // Sphinx reads a page's text with textContent, which runs table cells and list items together ("(个)4万人
  // 2025actual"): a phrase would match across two cells and the summaries are hard to read. A space after
  // each block and cell keeps them apart; the rest is Sphinx's htmlToText (main content, no scripts or
  // styles or heading links, an anchored section when asked).
  const BLOCKS = "p, li, dt, dd, td, th, tr, caption, h1, h2, h3, h4, h5, h6, div, pre, blockquote, figcaption, br";
  const sphinxHtmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(BLOCKS).forEach((el) => el.append(doc.createTextNode(" ")));
    return sphinxHtmlToText(doc.documentElement.outerHTML, anchor);
  };

  let current = null; // the parsed query, for the ranking and the summaries

  Search._parseQuery = (query) => {
    const pieces = piecesOf(query);
    const highlightTerms = new Set(pieces.filter((p) => p.kind === "han" || p.text.length > 1).map((p) => p.text));
    if (SPHINX_HIGHLIGHT_ENABLED) localStorage.setItem("sphinx_highlight_terms", [...highlightTerms].join(" "));
    current = { query: fold(query), pieces, textOnly: false };
    const objectTerms = new Set(splitQuery(query.toLowerCase().trim()));
    // searchTerms carries the pieces to performTermsSearch below; nothing is excluded (Sphinx 7.4's
    // splitQuery drops the "-" its excluded terms would need)
    return [query, new Set(pieces), new Set(), highlightTerms, objectTerms];
  };

  Search.performTermsSearch = (pieces) => {
    const { terms, titleterms: titleTerms, filenames, docnames, titles } = Search._index;
    let total = null; // file -> summed score, for the files that hold every requirement so far
    let count = 0;
    for (const piece of pieces) {
      for (const req of requirementsOf(piece, terms, titleTerms) || []) {
        const found = filesFor(req, terms, titleTerms);
        if (found.size === 0) continue; // on no page at all: passed over, as Sphinx passes it over
        const next = new Map();
        for (const [file, score] of found)
          if (total === null || total.has(file)) next.set(file, (total === null ? 0 : total.get(file)) + score);
        total = next;
        count += 1;
      }
    }
    if (total === null) {
      // Nothing of the query can be in the index (R&D, 5G: words of one letter or digit are not indexed):
      // every page is a candidate, and rankByPhrase keeps those whose text holds the query
      current.textOnly = [...current.query].length > 1;
      if (!current.textOnly) return [];
      total = new Map(docnames.map((_, file) => [file, 0]));
      count = 1;
    }
    return [...total].map(([file, score]) => [docnames[file], titles[file], "", null, score / count, filenames[file]]);
  };

  /** A page's main text, folded, or null when it cannot be read (a book opened from file://). */
  const pageTexts = new Map();
  const readPage = (docName) => {
    if (!pageTexts.has(docName)) {
      const url = document.documentElement.dataset.content_root + docName + DOCUMENTATION_OPTIONS.FILE_SUFFIX;
      pageTexts.set(docName, fetch(url)
        .then((response) => (response.ok ? response.text() : null))
        .then((html) => (html === null ? null : fold(Search.htmlToText(html))))
        .catch(() => null));
    }
    return pageTexts.get(docName);
  };

  /** Ranks the pages that hold the whole query above those that hold only its pieces; among them a page whose
   * title holds it first (资料来源 is the sources page's title, though the methods page says it more often),
   * then the pages that hold it (and each Chinese word of it) more often: the page about 老旧小区 says it fifty
   * times, the audit ten. The count is damped (n / (n + 3)), so a long page cannot win by length alone. */
  const rankByPhrase = async (results) => {
    const phrase = current.query;
    if (!phrase) return results;
    const runs = current.pieces.filter((p) => p.kind === "han" && p.text.length > 1).map((p) => p.text);
    const counted = [...new Set([phrase, ...runs])];
    const texts = await Promise.all(results.map((result) => readPage(result[0])));
    let read = results.map((result, i) => [result, texts[i]]);
    if (current.textOnly) read = read.filter(([, text]) => text !== null && text.includes(phrase));
    for (const [result, text] of read) {
      if (text === null) continue;
      if (text.includes(phrase)) result[4] += PHRASE;
      if (fold(result[1] || "").includes(phrase)) result[4] += PHRASE; // the page (or section) titled so
      for (const target of counted) {
        const n = text.split(target).length - 1;
        result[4] += (FREQUENCY * n) / (n + 3);
      }
    }
    results = read.map(([result]) => result);
    results.sort(_orderResultsByScoreThenName);
    return results;
  };

  Search.query = async (query) => {
    const [searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms] = Search._parseQuery(query);
    const results = await rankByPhrase(
      Search._performSearch(searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms));
    // The summary shows the text around the last of these it finds: the whole query if it can
    const summaryTerms = [...highlightTerms, current.query];
    // _performSearch returns the best last (the list is shown by popping it)
    _displayNextItem(results, results.length, summaryTerms, highlightTerms);
  };
})();
