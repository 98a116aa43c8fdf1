import { AppError } from '../errors.js';
import { detectEmergency, emergencyContactsFor, emergencyGuidance, type EmergencyCategory, type EmergencyContacts } from './emergency.js';
import { findPersonalData, type PersonalDataMatch } from '../text/personal-data.js';

/** Extra data of a refused post, returned as the `medired` field of the 422 error body. */
export type SafetyRefusal =
  | { reason: 'personal_data_detected'; personal_data: PersonalDataMatch[] }
  | {
      reason: 'emergency_detected';
      categories: EmergencyCategory[];
      emergency_number: string;
      crisis_line: EmergencyContacts['crisis_line'];
      guidance: { es: string; en: string };
    };

/**
 * A post refused for the asker's own safety or privacy; sending it again with the named
 * `confirm_*` flag set publishes it. Maps to 422 like any validation error.
 */
export class ConsultaSafetyError extends AppError {
  override name = 'ConsultaSafetyError';
  readonly refusal: SafetyRefusal;
  constructor(message: string, field: string, refusal: SafetyRefusal) {
    const said = refusal.reason === 'emergency_detected' ? { key: 'consultas.safety.emergency' as const, params: { number: refusal.emergency_number } } : { key: 'consultas.safety.personalData' as const };
    super('validation_failed', message, { details: [{ field, message, ...said }], ...said });
    this.refusal = refusal;
  }
}

const KIND_LABEL: Record<PersonalDataMatch['kind'], string> = { email: 'e-mail address', phone: 'phone number', id_document: 'ID document number' };

/**
 * Refuses text that looks like an emergency (unless `confirmEmergency`) or that contains
 * identifying data (unless `confirmPersonalData`). Emergencies are checked first: telling
 * someone to call for help matters more than their privacy warning.
 */
export function checkTextSafety(
  text: string,
  options: { confirmPersonalData: boolean; confirmEmergency?: boolean; country?: string | null; checkEmergency?: boolean },
): { emergency: boolean; personalData: boolean } {
  const categories = options.checkEmergency === false ? [] : detectEmergency(text);
  if (categories.length > 0 && !options.confirmEmergency) {
    const contacts = emergencyContactsFor(options.country);
    throw new ConsultaSafetyError(
      `This may be an emergency: call ${contacts.number} now. To post anyway, send it again with confirm_emergency=true.`,
      'confirm_emergency',
      { reason: 'emergency_detected', categories, emergency_number: contacts.number, crisis_line: contacts.crisis_line, guidance: emergencyGuidance(categories, contacts) },
    );
  }
  const personal = findPersonalData(text);
  if (personal.length > 0 && !options.confirmPersonalData) {
    const list = personal.map((p) => `${KIND_LABEL[p.kind]} "${p.value}"`).join(', ');
    throw new ConsultaSafetyError(
      `The text contains identifying data (${list}). Remove it, or send it again with confirm_personal_data=true to publish it.`,
      'confirm_personal_data',
      { reason: 'personal_data_detected', personal_data: personal },
    );
  }
  return { emergency: categories.length > 0, personalData: personal.length > 0 };
}
