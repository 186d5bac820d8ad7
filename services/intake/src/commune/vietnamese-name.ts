/**
 * Keys for matching place names as people type them. Vietnamese text reaches us both precomposed (NFC)
 * and decomposed (NFD, from some keyboards and from copy-paste out of PDFs), and often without
 * diacritics at all.
 */

/** Ignores case, Unicode form and spacing but keeps diacritics, which tell Vietnamese words apart (Đồng ≠ Đông). */
export function nameKey(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/**
 * Also drops diacritics (đ → d) and punctuation, as typed without a Vietnamese keyboard. Two names can
 * share a folded key, so a folded match only counts when it is unique.
 */
export function foldedNameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
