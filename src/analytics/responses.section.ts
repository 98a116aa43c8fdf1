import { careRequestResponseBetween } from '../care-requests/response-time.js';
import { complaintStatsBetween } from '../complaints/complaint-stats.js';
import { consultaAnswersBetween } from '../consultas/consulta-stats.js';
import { daysOf, endOfDay, startOfDay } from './analytics-range.js';
import type { AnalyticsSectionProvider } from './analytics-sections.js';

/**
 * How the account answers people: consultas answered and how many helped, care requests and
 * complaints with their median first-response times. Each figure comes from its own domain's
 * statistics (`consulta-stats.ts`, `response-time.ts`, `complaint-stats.ts`), for the range.
 */
export const responsesSection: AnalyticsSectionProvider = {
  id: 'responses',
  async load(app, input) {
    const { owner, range } = input;
    const since = startOfDay(range.from);
    const until = endOfDay(range.to);
    const [consultas, care, complaints] = await Promise.all([
      consultaAnswersBetween(app.db, owner.accountId, since, until),
      careRequestResponseBetween(app.db, owner.accountId, since, until),
      complaintStatsBetween(app.db, owner.accountId, since, until),
    ]);
    const byDay = new Map(consultas.days.map((d) => [d.day, d]));
    return {
      id: 'responses',
      title: 'analytics.responses.title',
      figures: [
        { key: 'consultas_answered', label: 'analytics.responses.answered', value: consultas.answered, format: 'count' },
        { key: 'consultas_helpful_rate', label: 'analytics.responses.helpfulRate', value: consultas.helpfulRate, format: 'percent', hint: 'analytics.responses.helpfulHint' },
        { key: 'consultas_median_response', label: 'analytics.responses.consultaMedian', value: consultas.medianResponseSeconds, format: 'duration' },
        { key: 'care_requests_received', label: 'analytics.responses.careReceived', value: care.received, format: 'count' },
        { key: 'care_requests_answered', label: 'analytics.responses.careAnswered', value: care.answered, format: 'count' },
        { key: 'care_requests_median_first_answer', label: 'analytics.responses.careMedian', value: care.medianSeconds, format: 'duration' },
        { key: 'complaints_received', label: 'analytics.responses.complaintsReceived', value: complaints.total, format: 'count' },
        { key: 'complaints_share_answered', label: 'analytics.responses.complaintsAnswered', value: complaints.total > 0 ? complaints.shareAnswered : null, format: 'percent' },
        { key: 'complaints_median_first_response', label: 'analytics.responses.complaintsMedian', value: complaints.medianFirstResponseSeconds, format: 'duration' },
      ],
      charts: [
        {
          id: 'consultas',
          title: 'analytics.responses.consultasChart',
          kind: 'bars',
          series: [
            { key: 'answered', label: 'analytics.responses.answeredSeries', format: 'count' },
            { key: 'helpful', label: 'analytics.responses.helpfulSeries', format: 'count' },
          ],
          rows: daysOf(range).map((day) => ({ day, values: { answered: byDay.get(day)?.answered ?? 0, helpful: byDay.get(day)?.helpful ?? 0 } })),
          note: 'analytics.responses.consultasNote',
        },
      ],
      tables: [],
    };
  },
};
