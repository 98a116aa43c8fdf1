import { PDFDocument, PDFName } from 'pdf-lib';

/** PDFs are recognised by their first bytes (`%PDF-`), as every other upload. */
export function sniffPdf(head: Uint8Array): boolean {
  return head.length >= 5 && String.fromCharCode(...head.subarray(0, 5)) === '%PDF-';
}

/** Thrown when a file that starts like a PDF cannot be read as one. */
export class UnreadablePdfError extends Error {
  override name = 'UnreadablePdfError';
}

/**
 * A PDF without what identifies its author or device: the document information (title, author,
 * creator, producer, dates) and the XMP metadata stream are removed, and the file is written
 * anew by pdf-lib, which also drops earlier incremental revisions (where removed text and old
 * metadata survive). Encrypted PDFs are refused: they cannot be cleaned.
 */
export async function stripPdfMetadata(bytes: Uint8Array): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (cause) {
    throw new UnreadablePdfError('The PDF cannot be read (damaged or encrypted)', { cause });
  }
  try {
    const infoRef = doc.context.trailerInfo.Info;
    if (infoRef) doc.context.delete(infoRef as never);
    doc.context.trailerInfo.Info = undefined;
    doc.catalog.delete(PDFName.of('Metadata'));
    for (const page of doc.getPages()) page.node.delete(PDFName.of('Metadata'));
    return await doc.save({ updateFieldAppearances: false, useObjectStreams: true });
  } catch (cause) {
    // A file pdf-lib opens but whose structure is broken (no catalog, no page tree…) cannot be cleaned either.
    throw new UnreadablePdfError('The PDF cannot be read (damaged or encrypted)', { cause });
  }
}
