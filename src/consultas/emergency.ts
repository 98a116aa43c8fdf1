/**
 * Recognises text that suggests a medical emergency (Spanish and English, accents and case do
 * not matter) and gives the local emergency numbers, so the asker is told to call for help
 * before waiting for an answer online. It errs on the side of warning: the asker can confirm
 * and post anyway.
 */
export type EmergencyCategory =
  | 'chest_pain'
  | 'breathing'
  | 'suicide'
  | 'overdose'
  | 'stroke'
  | 'bleeding'
  | 'unconscious'
  | 'anaphylaxis'
  | 'seizure';

const PATTERNS: Record<EmergencyCategory, RegExp[]> = {
  chest_pain: [
    /\bdolor (?:fuerte |intenso |agudo )?(?:en el|de|del) pecho\b/, /\bdolor toracico\b/, /\bopresion en el pecho\b/, /\binfarto\b/,
    /\bchest (?:pain|tightness|pressure)\b/, /\bpain in (?:my|the) chest\b/, /\bheart attack\b/,
  ],
  breathing: [
    /\bno (?:puedo|podia|puede|consigo) respirar\b/, /\bme (?:estoy ahogando|ahogo)\b/, /\bno le entra (?:el )?aire\b/,
    /\b(?:can ?not|can'?t|cannot|unable to|struggling to) breathe\b/, /\bnot breathing\b/, /\bno respira\b/,
  ],
  suicide: [
    /\bsuicid\w*/, /\bquiero morir(?:me)?\b/, /\bquitarme la vida\b/, /\bacabar con mi vida\b/, /\bno quiero (?:seguir )?vivir\b/,
    /\bmatarme\b/, /\bhacerme dano\b/, /\bautolesion\w*/,
    /\bkill(?:ing)? myself\b/, /\bend(?:ing)? my (?:own )?life\b/, /\bwant(?:s)? to die\b/, /\bself[- ]harm\w*/, /\bhurt(?:ing)? myself\b/,
  ],
  overdose: [
    /\bsobredosis\b/, /\b(?:me he tomado|me tome|tome|se ha tomado) (?:todas las|demasiadas|muchas) pastillas\b/,
    /\boverdos\w*/, /\btook (?:too many|all (?:the|my)) (?:pills|tablets)\b/,
  ],
  stroke: [
    /\bictus\b/, /\bderrame cerebral\b/, /\b(?:cara|boca) torcida\b/, /\bno puedo mover (?:el|la|un|una|medio)\b/, /\bhabla (?:arrastrada|rara)\b/,
    /\bstroke\b/, /\bface (?:is )?droop\w*/, /\bslurred speech\b/, /\bcan'?t (?:move|feel) (?:my|one) (?:arm|leg|side)\b/,
  ],
  bleeding: [
    /\bhemorragia\b/, /\bsangrado (?:abundante|muy fuerte|que no para)\b/, /\bsangr\w* mucho(?:isimo)?\b/, /\bno (?:para|deja) de sangrar\b/,
    /\b(?:severe|heavy|uncontrolled) bleeding\b/, /\bbleeding (?:heavily|a lot|badly)\b/, /\b(?:won'?t|will not|doesn'?t) stop bleeding\b/,
  ],
  unconscious: [
    /\binconsciente\b/, /\b(?:ha )?perdido el conocimiento\b/, /\bno reacciona\b/, /\bunconscious\b/, /\bunresponsive\b/, /\bpassed out\b/,
  ],
  anaphylaxis: [
    /\banafila\w*/, /\bse me cierra la garganta\b/, /\bse me hincha la (?:garganta|lengua)\b/, /\banaphyla\w*/, /\bthroat (?:is )?(?:closing|swelling)\b/,
  ],
  seizure: [/\bconvulsion\w*/, /\bconvulsiona\w*/, /\bseizures?\b/, /\bfitting\b/],
};

/** Lower case, without accents, with plain apostrophes and single spaces. */
export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ');
}

/** The emergency categories `text` suggests, in a stable order; empty when none. */
export function detectEmergency(text: string): EmergencyCategory[] {
  const normalized = normalizeForMatching(text);
  return (Object.keys(PATTERNS) as EmergencyCategory[]).filter((category) => PATTERNS[category].some((re) => re.test(normalized)));
}

export interface EmergencyContacts {
  /** The general emergency number to call. */
  number: string;
  /** A crisis line for suicidal thoughts in that country, when known. */
  crisis_line: { number: string; name: string } | null;
}

const EU_112 = new Set([
  'ES', 'PT', 'FR', 'DE', 'IT', 'BE', 'NL', 'LU', 'IE', 'AT', 'DK', 'SE', 'FI', 'PL', 'CZ', 'SK', 'HU', 'SI', 'HR', 'RO',
  'BG', 'GR', 'CY', 'MT', 'EE', 'LV', 'LT', 'AD', 'CH', 'NO', 'IS', 'GB',
]);
const NUMBERS: Record<string, string> = {
  US: '911', CA: '911', MX: '911', AR: '911', UY: '911', PY: '911', EC: '911', VE: '911', PA: '911', CR: '911', SV: '911',
  GT: '110', HN: '911', DO: '911', CO: '123', CL: '131', PE: '106', BO: '165', CU: '104', AU: '000', NZ: '111',
};
const CRISIS_LINES: Record<string, { number: string; name: string }> = {
  ES: { number: '024', name: 'Línea 024 de atención a la conducta suicida' },
  US: { number: '988', name: '988 Suicide & Crisis Lifeline' },
  CA: { number: '988', name: '988 Suicide Crisis Helpline' },
  MX: { number: '800 911 2000', name: 'Línea de la Vida' },
};

/** Emergency numbers for an account's country (ISO 3166 alpha-2); 112 when unknown. */
export function emergencyContactsFor(country: string | null | undefined): EmergencyContacts {
  const code = (country ?? '').toUpperCase();
  const number = EU_112.has(code) ? '112' : (NUMBERS[code] ?? '112');
  return { number, crisis_line: CRISIS_LINES[code] ?? null };
}

/** What to do, in both languages, for the detected categories. */
export function emergencyGuidance(categories: EmergencyCategory[], contacts: EmergencyContacts): { es: string; en: string } {
  const crisis = categories.includes('suicide') && contacts.crisis_line ? contacts.crisis_line : null;
  const es =
    `Lo que describes puede ser una urgencia. No esperes una respuesta aquí: llama ahora al ${contacts.number} o ve al servicio de urgencias más cercano.` +
    (crisis ? ` Si tienes pensamientos de hacerte daño, llama también al ${crisis.number} (${crisis.name}); te atenderán a cualquier hora.` : '');
  const en =
    `What you describe may be an emergency. Do not wait for an answer here: call ${contacts.number} now or go to the nearest emergency department.` +
    (crisis ? ` If you are thinking about harming yourself, you can also call ${crisis.number} (${crisis.name}) at any time.` : '');
  return { es, en };
}
