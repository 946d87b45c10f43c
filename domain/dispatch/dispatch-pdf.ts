/**
 * A kept report as a PDF (pdfkit), in Chinese with the English beside it, set in the CJK font
 * REPORT_FONT names: each section's figures with a bar of its size, then the key groups' coverage.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { ReportFont } from '../../engine/config';
import { UserError } from '../../engine/errors';
import type { LocalizedText } from '../../language';
import { FIGURE_LABELS, SECTIONS, type ScopeFigures } from './figures';
import type { StoredReport } from './report-store';

const BAR_MAX_WIDTH = 160;
const both = (t: LocalizedText) => `${t.zh}  ${t.en}`;

/** Fails with 503 naming the variable when the font is not on this machine. */
function present(font: ReportFont): ReportFont {
  if (!fs.existsSync(font.path)) {
    throw new UserError(503, 'report_font_missing', `the report font ${font.path} is not on this machine: install a CJK font (Debian: fonts-wqy-microhei) or set REPORT_FONT to one`);
  }
  return font;
}

export async function dispatchPdf(report: StoredReport & { unitName: LocalizedText }, groupLabels: Record<string, LocalizedText>, reportFont: ReportFont): Promise<Buffer> {
  const font = present(reportFont);
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `每日调度 Daily dispatch ${report.day} ${report.unitName.en}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.face);
  doc.font('cjk');

  doc.fontSize(18).text(`每日调度报告  Daily dispatch report`);
  doc.fontSize(12).text(`${report.unitName.zh}  ${report.unitName.en}  ·  ${report.day}`);
  doc.fontSize(8).fillColor('#555').text(`截至 As of ${report.asOf} · 第${report.revision}版 revision ${report.revision} · ${report.generatedBy} ${report.generatedAt}`);
  doc.fillColor('#000').moveDown();

  const figures: ScopeFigures = report.figures;
  for (const section of SECTIONS) {
    const labels = FIGURE_LABELS[section];
    // Each section's bars on its own scale, as on the page: a count of thousands does not flatten the rest.
    const largest = Math.max(1, ...(Object.values(figures[section]) as number[]));
    doc.fontSize(11).text(both(labels.label));
    for (const [item, label] of Object.entries(labels.items) as [string, LocalizedText][]) {
      const value = (figures[section] as Record<string, number>)[item];
      const y = doc.y;
      doc.fontSize(9).text(both(label), 64, y, { width: 250 });
      doc.text(String(value), 320, y, { width: 40, align: 'right' });
      if (value > 0) doc.rect(370, y + 2, (value / largest) * BAR_MAX_WIDTH, 7).fill('#2f6fb0').fillColor('#000');
      doc.x = 48;
      doc.y = Math.max(doc.y, y + 12);
    }
    doc.moveDown(0.5);
  }

  doc.fontSize(11).text(both({ zh: '重点人群应检尽检（按类别）', en: 'Key-group coverage by group' }));
  if (figures.coverage.length === 0) doc.fontSize(9).text(both({ zh: '无在管人员', en: 'No one enrolled' }), 64);
  for (const line of figures.coverage) {
    const y = doc.y;
    doc.fontSize(9).text(both(groupLabels[line.group] ?? { zh: line.group, en: line.group }), 64, y, { width: 250 });
    doc.text(`${line.overdue} / ${line.enrolled}`, 320, y, { width: 80, align: 'right' });
    doc.x = 48;
    doc.y = Math.max(doc.y, y + 12);
  }
  doc.end();
  return done;
}
