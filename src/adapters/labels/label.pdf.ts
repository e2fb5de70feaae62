// Thermal shipping labels as PDF (issue 12): pdfkit sets one 100 × 150 mm
// page per label in an embedded (subset) CJK font, and bwip-js draws the
// tracking number as a Code128 barcode (PNG, placed at 1:1 scale so thermal
// printers and scanners read it). The font is read once, on first use.
import { readFile } from 'node:fs/promises';
import PDFDocument from 'pdfkit';
import bwipjs from 'bwip-js/node';
import { LabelFontUnavailable, type Label, type LabelRenderer } from '../../app/label.port.ts';

export interface LabelPdfOptions {
  /** A TTF/OTF file or a collection (.ttc/.otc) with CJK glyphs. */
  readonly fontPath: string;
  /** The PostScript name to take from a collection; unused for single-font files. */
  readonly fontName: string;
}

const mm = 72 / 25.4;
const pageW = 100 * mm;
const pageH = 150 * mm;
const margin = 4 * mm;
const innerW = pageW - 2 * margin;

export class PdfLabelRenderer implements LabelRenderer {
  private font: Promise<Buffer> | null = null;

  constructor(private readonly opts: LabelPdfOptions) {}

  async render(labels: readonly Label[]): Promise<Uint8Array> {
    const font = await this.fontBytes();
    const doc = new PDFDocument({ size: [pageW, pageH], margin: 0, autoFirstPage: false, compress: true, info: { Title: 'Pallet shipping labels', Producer: 'Pallet' } });
    const chunks: Buffer[] = [];
    const done = new Promise<Uint8Array>((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const collection = /\.(ttc|otc)$/i.test(this.opts.fontPath);
    if (collection) doc.registerFont('label', font, this.opts.fontName);
    else doc.registerFont('label', font);
    for (const label of labels) {
      doc.addPage({ size: [pageW, pageH], margin: 0 });
      await drawLabel(doc, label);
    }
    doc.end();
    return done;
  }

  private fontBytes(): Promise<Buffer> {
    this.font ??= readFile(this.opts.fontPath).catch((err: NodeJS.ErrnoException) => {
      this.font = null;
      throw new LabelFontUnavailable(`label font ${this.opts.fontPath} cannot be read (${err.code ?? err.message}); install it (ops/fonts.sh) or set PALLET_LABEL_FONT`);
    });
    return this.font;
  }
}

async function drawLabel(doc: PDFKit.PDFDocument, l: Label): Promise<void> {
  doc.font('label').fillColor('black');
  // Head: carrier and parcel count.
  doc.fontSize(22).text(l.carrier, margin, margin, { width: innerW * 0.6, lineBreak: false, ellipsis: true });
  doc.fontSize(11).text(`${l.parcelNo}/${l.parcelCount}`, margin, margin + 6, { width: innerW, align: 'right' });
  rule(doc, margin + 30);
  // The tracking number as Code128, its digits printed under it.
  const png = await bwipjs.toBuffer({ bcid: 'code128', text: l.trackingNumber, scale: 3, height: 18, includetext: true, textxalign: 'center', textsize: 11 });
  doc.image(png, margin + 2 * mm, margin + 36, { fit: [innerW - 4 * mm, 36 * mm], align: 'center' });
  let y = margin + 36 + 36 * mm + 8;
  rule(doc, y - 4);
  // Recipient.
  const r = l.recipient;
  doc.fontSize(9).text('收件人 To', margin, y);
  y += 13;
  doc.fontSize(15).text(`${r.name}  ${r.phone}`, margin, y, { width: innerW, height: 20, ellipsis: true });
  y += 22;
  const region = [r.province, r.city, r.district].filter((p) => p !== undefined && p !== '').join(' ');
  doc.fontSize(12).text(region, margin, y, { width: innerW, height: 16, ellipsis: true });
  y += 17;
  const street = r.address2 === undefined || r.address2 === '' ? r.address1 : `${r.address1} ${r.address2}`;
  doc.fontSize(12).text(street, margin, y, { width: innerW, height: 46, ellipsis: true });
  y += 50;
  rule(doc, y - 3);
  // Sender and order reference.
  doc.fontSize(9).text('寄件人 From', margin, y);
  doc.fontSize(11).text(l.senderName, margin, y + 12, { width: innerW, height: 15, ellipsis: true });
  y += 32;
  rule(doc, y - 3);
  doc.fontSize(9).text('订单 Order', margin, y);
  doc.fontSize(12).text(l.orderRef, margin, y + 12, { width: innerW, height: 16, ellipsis: true });
  doc.fontSize(8).text(`${l.channel} · ${l.orderId}`, margin, y + 30, { width: innerW, height: 11, ellipsis: true });
}

function rule(doc: PDFKit.PDFDocument, y: number): void {
  doc.moveTo(margin, y).lineTo(pageW - margin, y).lineWidth(0.8).stroke();
}
