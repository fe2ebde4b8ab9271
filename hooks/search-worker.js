// Appended by hooks/search.py to Material's search worker, after the worker's own code
// has set `self.lunr`; it runs once when the worker starts, before any query.
// `node --check` checks it (tests/test_search.py), and every built edition's reader
// queries run through it in Node (make check).
;(() => {
  // A whole word weighs this many times the prefix match that the theme adds (li* alone
  // ranks pages full of "Liège" above Li Keqiang).
  const WHOLE = 4
  // A word of this many letters or more that the index does not know, in an alphabet,
  // is looked for within one slip (a letter wrong, missing, extra or two swapped).
  const SLIP_FROM = 5

  // Accents, œ and æ, and the commas of thousands (220,000 is 220000) are folded out of
  // every token that the index or a query term passes through.
  const fold = value => value.normalize("NFD").replace(/\p{M}+/gu, "")
    .replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/Œ/g, "OE").replace(/Æ/g, "AE")
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
  const run = lunr.Pipeline.prototype.run
  lunr.Pipeline.prototype.run = function (tokens) {
    for (const token of tokens) token.update(fold)
    return run.call(this, tokens)
  }

  // lunr's query syntax (field:, ^boost, ~distance, +required, -excluded, wildcard*,
  // \escape) in a reader's text is read as a space, so "Cainiao:" or "- Henan" search
  // their words; a hyphen inside a word (EU-China) stays, the index splits it there.
  const SYNTAX = /[:^~*\\]|(?<![\p{L}\p{N}])[+-]|[+-](?![\p{L}\p{N}])/gu
  const ALPHABETIC = new RegExp(`^\\p{sc=Latin}{${SLIP_FROM},}$`, "u")

  // What the index knows: its words (stems), and the letters of its alphabetic words,
  // from which the words one slip away from a query word are spelled.
  const known = new WeakMap()
  const vocabulary = index => {
    if (!known.has(index)) {
      const terms = Object.keys(index.invertedIndex)
      const letters = new Set(terms.join("").match(/\p{sc=Latin}/gu))
      known.set(index, { terms, letters: [...letters].sort() })
    }
    return known.get(index)
  }
  const stems = (word, index) => index.pipeline.runString(word)

  // Whether a query word finds anything as it is: an indexed word that starts with it
  // (the theme's prefix match), or its stem as a whole word.
  const found = (word, index) => vocabulary(index).terms.some(term => term.startsWith(word))
    || stems(word, index).some(stem => stem in index.invertedIndex)

  // The words one slip away from `word` (a letter wrong, missing, extra, or two
  // neighbours swapped) whose stems the index holds, one per stem. They are spelled
  // before stemming: lunr's own edit distance (`word~1`) compares the stems, and a
  // stemmer reads a slip its own way (French cuts huaewi to huaew, two edits from
  // huawei; English keeps incubatr whole but cuts incubator to incub).
  const slips = (word, index) => {
    const { letters } = vocabulary(index)
    const spellings = new Set()
    for (let at = 0; at <= word.length; at++) {
      const [head, tail] = [word.slice(0, at), word.slice(at)]
      if (tail) spellings.add(head + tail.slice(1))
      if (tail.length > 1) spellings.add(head + tail[1] + tail[0] + tail.slice(2))
      for (const letter of letters) {
        spellings.add(head + letter + tail)
        if (tail) spellings.add(head + letter + tail.slice(1))
      }
    }
    const byStem = new Map()
    for (const spelling of spellings) {
      for (const stem of stems(spelling, index)) {
        if (stem in index.invertedIndex && !byStem.has(stem)) byStem.set(stem, spelling)
      }
    }
    return [...byStem.values()]
  }

  // A long word that finds nothing, not even within one slip, may be a compound whose
  // parts the pages write on their own or in other compounds (Dutch luchtvrachtknooppunt:
  // luchtvracht, knooppunt; spoorverbinding: spoor, verbinding). It is read as the indexed
  // words it splits into, from the longest first part, each part at least PART letters,
  // at most three parts, a linking s allowed between two (handelspartner: handel, partner).
  // Only a word that finds nothing is split, so no result that a word finds changes;
  // where the last part is unknown, the head alone is asked (see compound below).
  const COMPOUND_FROM = 8
  const PART = 3
  const whole = (word, index) => stems(word, index).some(stem => stem in index.invertedIndex)
  const parts = (word, index, left = 3) => {
    if (word.length >= PART && whole(word, index)) return [word]
    if (left < 2) return null
    for (let at = word.length - PART; at >= PART; at--) {
      const head = word.slice(0, at)
      if (!whole(head, index)) continue
      for (const rest of [word.slice(at), word[at] === "s" ? word.slice(at + 1) : null]) {
        const tail = rest && rest.length >= PART && parts(rest, index, left - 1)
        if (tail) return [head, ...tail]
      }
    }
    return null
  }

  // The parts of a compound; or, where the pages never write its last part, its longest
  // indexed head of at least half the word (luchtvrachtknooppunt: luchtvracht).
  const compound = (word, index) => {
    const split = parts(word, index)
    if (split && split.length > 1) return split
    for (let at = word.length - PART; at >= Math.ceil(word.length / 2); at--) {
      if (whole(word.slice(0, at), index)) return [word.slice(0, at)]
    }
    return null
  }

  // Words in a row: a query of two words or more whose words stand together, in this
  // order, in a section's title, text or aliases (He Jinping, centre de fret
  // intelligent) ranks that section this many times higher than one that has them apart
  // (Xi Jinping, and He Lifeng elsewhere). From 5 to 7 the reader queries pass their
  // floors; from 8, a glossary row ("AWEX", then "Wallonia Export-Investment Agency")
  // outranks the page about AWEX.
  const PHRASE = 6
  // Words as a phrase compares them: folded, lower case, one space between words; a tag
  // or punctuation between two words is a break that no phrase spans; U+200B (between
  // Chinese words in the index) and hyphens or apostrophes inside words are spaces.
  const phraseText = value => fold(value).toLowerCase().replace(/<[^>]+>/g, " | ")
    .replace(/[\u200b'’\-]/g, " ").replace(/[^\p{L}\p{N}\s]+/gu, " | ").replace(/\s+/g, " ")
  const phrases = new Map()  // location -> its section's phrase text, made when first needed
  let asked = ""  // the reader's query as typed (the worker answers one at a time)
  self.rankPhrases = (results, docs) => {
    const phrase = (fold(asked).toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).join(" ")
    if (!phrase.includes(" ")) return results
    for (const result of results) {
      if (!phrases.has(result.ref)) {
        const doc = docs.get(result.ref) || {}
        phrases.set(result.ref, ` ${phraseText([doc.title, doc.text, doc.aliases].join(" | "))} `)
      }
      if (phrases.get(result.ref).includes(` ${phrase} `)) result.score *= PHRASE
    }
    return results
  }

  // A query as the worker then segments and parses it:
  // - folded as the index is, its syntax characters read as spaces;
  // - Chinese set apart from digits and Latin letters (3.97亿美元 -> 3.97 亿美元), so each
  //   part is matched on its own;
  // - each plain word also asked for as a whole word, weighted above the prefix; a word
  //   of two letters (Li, Xi, EU) only as a whole word, as a prefix it finds noise;
  // - a long alphabetic word that finds nothing as typed replaced by the indexed words
  //   one slip away from it, each as a whole word of the prefix's weight (a weight, so
  //   the theme adds no prefix to them), or else by the indexed words it is compounded
  //   of; with neither, the word stays as typed.
  self.prepareQuery = (query, index) => (asked = query, fold(query)).replace(SYNTAX, " ")
    .replace(/(\p{sc=Han})(?=[^\p{sc=Han}\s])|([^\p{sc=Han}\s])(?=\p{sc=Han})/gu, "$1$2 ")
    .trim().split(/\s+/)
    .map(word => {
      if (!/^[\p{L}\p{N}]{2,}$/u.test(word) || /\p{sc=Han}/u.test(word)) return word
      if (index && ALPHABETIC.test(word) && !found(word.toLowerCase(), index)) {
        const near = slips(word.toLowerCase(), index)
        if (near.length) return near.map(spelling => `${spelling}^1`).join(" ")
        const split = word.length >= COMPOUND_FROM && compound(word.toLowerCase(), index)
        if (split) return split.map(part => `${part}^1`).join(" ")
      }
      return word.length > 2 ? `${word}^${WHOLE} ${word}` : `${word}^${WHOLE}`
    })
    .join(" ")
})();
