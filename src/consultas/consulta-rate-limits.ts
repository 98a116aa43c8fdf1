import type { RateLimitRule } from '../http/rate-limit.js';

/** Anti-abuse limits of Consulta abierta, shared by the JSON API and the web forms. */
export const questionLimits: RateLimitRule[] = [
  { name: 'consulta_question', limit: 5, windowSeconds: 3600, by: 'account' },
  { name: 'consulta_question_ip', limit: 20, windowSeconds: 3600, by: 'ip' },
];
export const answerLimits: RateLimitRule[] = [
  { name: 'consulta_answer', limit: 30, windowSeconds: 3600, by: 'account' },
  { name: 'consulta_answer_ip', limit: 60, windowSeconds: 3600, by: 'ip' },
];
export const commentLimits: RateLimitRule[] = [
  { name: 'consulta_comment', limit: 60, windowSeconds: 3600, by: 'account' },
  { name: 'consulta_comment_ip', limit: 120, windowSeconds: 3600, by: 'ip' },
];
