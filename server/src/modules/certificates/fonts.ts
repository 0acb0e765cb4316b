/**
 * The certificate fonts: static Noto Sans SC (OFL, regular and bold) from @expo-google-fonts/noto-sans-sc. pdfkit
 * embeds only the glyphs used (a subset with a ToUnicode map, so the PDF's text can be searched and extracted).
 * The files (~10 MB each) are read once; they are parsed once too, with the same fontkit pdfkit uses, and pdfkit
 * accepts the parsed font — a document then costs ~10 ms less than when pdfkit re-parses the file for every PDF.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

/** What PDFDocument#registerFont accepts: the file's bytes, or a parsed fontkit font (pdfkit ≥ 0.16). */
export type FontSource = Buffer;
export interface CertificateFonts {
  regular: FontSource;
  bold: FontSource;
}

let cached: CertificateFonts | null = null;

interface GlyphRun {
  positions: object[];
  glyphs: unknown[];
}
interface ParsedFont {
  layout(text: string, ...more: unknown[]): GlyphRun;
}

function parse(buf: Buffer): FontSource {
  try {
    // pdfkit's own fontkit (resolved from pdfkit's location, not ours), so the font object is the kind it expects
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(b: Buffer): Partial<ParsedFont> };
    const font = fontkit.create(buf);
    if (typeof font.layout === 'function') return memoizeLayout(font as ParsedFont) as unknown as FontSource;
  } catch {
    /* fall back to the bytes: pdfkit parses them per document */
  }
  return buf;
}

const LAYOUT_CACHE_MAX = 20_000; // ~10 MB at most; cleared when full (names and codes churn, labels come back at once)

/**
 * Shaping a CJK string with OpenType features costs ~1–2 ms in fontkit, and pdfkit's layout cache lives only as long
 * as one document; the labels, headings, units and issuers repeat on every certificate. So layouts are remembered for
 * the process (bounded), keyed by the text (only for the default features). pdfkit scales a run's positions in
 * place, so every caller gets its own copy of the positions; glyphs are shared read-only.
 * Measured: a page with a 12-row claims table 53 → 21 ms, without it 12 → 9 ms.
 */
function memoizeLayout(font: ParsedFont): ParsedFont {
  const layout = font.layout.bind(font);
  const cache = new Map<string, GlyphRun>();
  font.layout = (text: string, ...more: unknown[]) => {
    if (more.some((m) => m !== undefined)) return layout(text, ...more);
    let run = cache.get(text);
    if (!run) {
      if (cache.size >= LAYOUT_CACHE_MAX) cache.clear();
      run = layout(text);
      cache.set(text, run);
    }
    const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
    copy.positions = run.positions.map((p) => ({ ...p }));
    copy.glyphs = run.glyphs.slice();
    return copy;
  };
  return font;
}

export function certificateFonts(): CertificateFonts {
  cached ??= {
    regular: parse(fs.readFileSync(require.resolve(FILES.regular))),
    bold: parse(fs.readFileSync(require.resolve(FILES.bold))),
  };
  return cached;
}
