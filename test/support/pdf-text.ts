/**
 * The text a PDF shows, read back for a test: its streams inflated, each embedded font's
 * ToUnicode map read, and the hex glyph strings of its text operators decoded through them.
 * Enough for pdfkit's output (Identity-H fonts, a bfrange map per font), not a general reader.
 */
import { inflateSync } from 'node:zlib';

function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  const text = pdf.toString('latin1');
  const re = /\bstream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    try {
      out.push(inflateSync(raw).toString('latin1'));
    } catch {
      out.push(raw.toString('latin1'));
    }
    // Past the word, which itself ends in "stream".
    re.lastIndex = end + 'endstream'.length;
  }
  return out;
}

/** Glyph id → the characters it stands for, from every ToUnicode map in the file (pdfkit numbers a subset's glyphs from 0). */
function toUnicodeMaps(all: string[]): Map<number, string>[] {
  return all
    .filter((s) => s.includes('beginbfrange'))
    .map((cmap) => {
      const map = new Map<number, string>();
      for (const [, from, list] of cmap.matchAll(/<([0-9a-f]+)>\s*<[0-9a-f]+>\s*\[([^\]]*)\]/gi)) {
        const first = parseInt(from, 16);
        [...list.matchAll(/<([0-9a-f ]+)>/gi)].forEach(([, hex], i) => {
          const units = hex.split(' ').map((h) => parseInt(h, 16));
          map.set(first + i, String.fromCharCode(...units));
        });
      }
      return map;
    });
}

/**
 * The PDF's text, one string per font map tried (a page's strings are decoded through each map;
 * the test looks for what it expects in any of them). pdfkit writes one font here, so one string.
 */
export function pdfText(pdf: Buffer): string {
  const all = streams(pdf);
  const maps = toUnicodeMaps(all);
  const shown = all.flatMap((s) => [...s.matchAll(/\[([^\]]*)\]\s*TJ/g)].map(([, arr]) => [...arr.matchAll(/<([0-9a-f]+)>/gi)].map(([, hex]) => hex).join('')));
  return maps
    .map((map) => shown.map((hex) => (hex.match(/.{4}/g) ?? []).map((g) => map.get(parseInt(g, 16)) ?? '').join('')).join('\n'))
    .join('\n');
}
