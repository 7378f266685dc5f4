// Which sentences of a lab's words are claims: the rule that tests/js/claims.test.mjs holds
// every text module to. A sentence (text up to . ? or ! and a space) makes a claim when its
// plain text has a digit, a number word, a direction word or a colour word (the lists below,
// minus a few idioms like "evidence lower bound"); inline math is notation and is not read. A claim must sit in a {claim: id, t: [...]} part (./explain.js),
// and the claims test has one test per id, run on the setting the sentence describes. A
// display formula that states a measured value (\approx then a number) carries {claim: id}, and
// the gallery card's sentence (`teaches`, a string) and a caption (`captions[key]`, strings the
// views draw under their plots) are claimed whole by `teachesClaim` and `captionClaims[key]`.

const numberWords = /\b(ten|twenty|hundred|thousand|million|twice|half|double)\b/i;
const directionWords = new RegExp(
  '\\b(wider|widens?|widening|narrow(s|er|ing)?|grows?|growing|shrinks?|shrinking|collaps\\w*|' +
    'explod\\w*|barely|above|below|larger|smaller|higher|lower|bigger|rises?|falls?|drops?|' +
    'climbs?|increas\\w*|decreas\\w*|over-?confident|over-?cover\\w*|under-?cover\\w*|' +
    'further|faster|slower|better|worse|settles?|wanders?|wandering|fan out|opens)\\b',
  'i',
);

// Colour words: a sentence naming a colour claims that the drawing uses it.
const colourWords = /\b(red|blue|grey|gray|orange|green|purple|vermillion|black|yellow|pink)\b/i;
// Fixed phrases that use a direction word without stating a direction of anything.
const idioms = /\b(evidence lower bound|(lower|higher) is better)\b/gi;

/** True when a sentence's plain text makes a claim under the rule above. */
export function statesClaim(text) {
  const plain = text.replace(idioms, '');
  return [/\d/, numberWords, directionWords, colourWords].some((rule) => rule.test(plain));
}

/** True when a display formula states a measured value: \approx followed by a number. */
export function formulaStatesClaim(tex) {
  return /\\approx\s*\d/.test(tex);
}

// Inline parts as segments of plain text, each with the claim id it sits in (or null).
function segments(parts, claim = null) {
  const out = [];
  for (const part of [].concat(parts)) {
    if (typeof part === 'string') out.push({ text: part, claim });
    else if (part.claim !== undefined) out.push(...segments(part.t, part.claim));
    else if (part.m !== undefined) out.push({ text: '(math)', claim, math: part.m });
    else out.push({ text: part.b ?? part.i ?? '', claim });
  }
  return out;
}

/** The sentences of inline parts: {text, claims: [ids it touches]}. */
export function sentences(parts) {
  const pieces = segments(parts);
  const text = pieces.map((piece) => piece.text).join('');
  const claimAt = pieces.flatMap((piece) => Array.from(piece.text, () => piece.claim));
  const result = [];
  const boundary = /[.?!](\s+|$)/g;
  let start = 0;
  for (let match = boundary.exec(text); ; match = boundary.exec(text)) {
    const end = match ? match.index + 1 : text.length;
    const claims = new Set(claimAt.slice(start, end).filter(Boolean));
    const sentence = text.slice(start, end).trim();
    if (sentence !== '') result.push({ text: sentence, claims: [...claims] });
    if (!match) break;
    start = match.index + match[0].length;
  }
  return result;
}

/** Every unit of words a text module shows: the card sentence, paragraphs, list items,
 *  questions, captions and display formulas, as inline parts. */
export function textUnits(textModule) {
  const units = [];
  if (textModule.teaches) {
    const card = textModule.teachesClaim
      ? { claim: textModule.teachesClaim, t: [textModule.teaches] }
      : textModule.teaches;
    units.push({ where: 'gallery card', parts: [card] });
  }
  for (const [key, caption] of Object.entries(textModule.captions ?? {})) {
    const claim = textModule.captionClaims?.[key];
    units.push({ where: `caption ${key}`, parts: [claim ? { claim, t: [caption] } : caption] });
  }
  for (const block of textModule.explanationBlocks ?? []) {
    if (block.p) units.push({ where: 'explanation', parts: block.p });
    for (const item of block.list ?? []) units.push({ where: 'explanation', parts: item });
    for (const item of block.questions ?? [])
      units.push({ where: 'Explore', parts: Array.isArray(item) ? item : item.ask });
    if (block.math)
      units.push({
        where: 'formula',
        parts: [block.claim ? { claim: block.claim, t: [block.math] } : block.math],
        formula: true,
      });
  }
  return units;
}

/** Sentences that make a claim but carry no claim id: must be empty for every text module. */
export function unclaimed(textModule) {
  const found = [];
  for (const unit of textUnits(textModule)) {
    for (const sentence of sentences(unit.parts)) {
      const claims = unit.formula ? formulaStatesClaim(sentence.text) : statesClaim(sentence.text);
      if (claims && sentence.claims.length === 0) found.push(`${unit.where}: ${sentence.text}`);
    }
  }
  return found;
}

/** Every claim id with the words it covers (joined when one id spans several pieces). */
export function claimTexts(textModule) {
  const texts = new Map();
  for (const unit of textUnits(textModule))
    for (const sentence of sentences(unit.parts))
      for (const id of sentence.claims)
        texts.set(id, texts.has(id) ? `${texts.get(id)} … ${sentence.text}` : sentence.text);
  return texts;
}
