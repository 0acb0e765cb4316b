/** Test helpers (imported by tests and the e2e journey only): the text of a PDF's pages as pdf.js extracts it. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One string per page, the text items joined without separators (a line wrap does not split a word or a URL). */
export async function pdfPages(pdf: Buffer | Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 })
    .promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
