import { DEFAULT_REPORT_FONT, loadConfig } from '../../engine/config';
import { UserError } from '../../engine/errors';
import { pdfText } from '../../test/support/pdf-text';
import { dispatchPdf } from './dispatch-pdf';
import { emptyFigures } from './figures';

const font = loadConfig({}).reports.font;

function report() {
  const figures = emptyFigures();
  figures.arrivals.high = 17;
  figures.quarantine.centralized = 4321;
  figures.verification138.overdue = 58;
  figures.coverage = [{ group: 'port-worker', enrolled: 96, overdue: 31 }];
  return {
    id: '00000000-0000-4000-8000-000000000000',
    day: '2026-09-09',
    orgUnit: 'qingjiangpu',
    unitName: { zh: '清江浦区', en: 'Qingjiangpu District' },
    revision: 2,
    asOf: '2026-09-09T16:00:00.000Z',
    generatedAt: '2026-09-09T23:00:00.000Z',
    generatedBy: 'admin',
    figures,
  };
}

test('the PDF is a PDF that shows the unit, the day and each figure with its Chinese and English name', async () => {
  const pdf = await dispatchPdf(report(), { 'port-worker': { zh: '港口作业人员', en: 'Port workers' } }, font);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(pdf);
  expect(text).toContain('清江浦区');
  expect(text).toContain('2026-09-09');
  expect(text).toMatch(/高风险地区\s+High-risk area/);
  expect(text).toContain('17');
  expect(text).toContain('4321');
  expect(text).toContain('58');
  expect(text).toContain('港口作业人员');
  expect(text).toContain('31 / 96');
});

test('a missing font answers 503 naming REPORT_FONT, and a font set on purpose must exist at start', async () => {
  const missing = { path: '/nonexistent/font.ttc', face: 'X' };
  await expect(dispatchPdf(report(), {}, missing)).rejects.toMatchObject({ status: 503, code: 'report_font_missing' });
  await expect(dispatchPdf(report(), {}, missing)).rejects.toBeInstanceOf(UserError);
  expect(() => loadConfig({ REPORT_FONT: '/nonexistent/font.ttc' })).toThrow(/REPORT_FONT names no file/);
  expect(DEFAULT_REPORT_FONT.startsWith(font.path)).toBe(true);
});

test('DAILY_REPORT_HOUR is an hour of the day or off, with a message naming it', () => {
  expect(loadConfig({}).reports.dailyHour).toBe(7);
  expect(loadConfig({ DAILY_REPORT_HOUR: '0' }).reports.dailyHour).toBe(0);
  expect(loadConfig({ DAILY_REPORT_HOUR: 'off' }).reports.dailyHour).toBeUndefined();
  expect(() => loadConfig({ DAILY_REPORT_HOUR: '24' })).toThrow("DAILY_REPORT_HOUR must be an hour of the day, 0-23 (Asia/Shanghai), or 'off', got '24'");
});
