import { describe, expect, it } from 'vitest';
import { detectEmergency, emergencyContactsFor } from './emergency.js';
import { findPersonalData } from '../text/personal-data.js';

describe('personal data detection', () => {
  it('finds e-mail addresses', () => {
    expect(findPersonalData('Escríbeme a maria.lopez+salud@correo.es si sabes algo')).toEqual([{ kind: 'email', value: 'maria.lopez+salud@correo.es' }]);
  });

  it('finds Spanish phone numbers in the usual formats', () => {
    for (const phone of ['612345678', '612 345 678', '612-34-56-78', '91 123 45 67', '+34 612 345 678', '0034 612345678', '34 612 345 678']) {
      const found = findPersonalData(`Llamadme al ${phone}, gracias`);
      expect(found, phone).toEqual([{ kind: 'phone', value: phone }]);
    }
  });

  it('finds international phone numbers', () => {
    for (const phone of ['+1 (555) 123-4567', '+52 55 1234 5678', '+44 20 7946 0958', '(55) 1234-5678', '555-123-4567']) {
      expect(findPersonalData(`call me at ${phone} please`).map((p) => p.kind), phone).toEqual(['phone']);
    }
  });

  it('finds Spanish DNI and NIE numbers with a valid control letter only', () => {
    expect(findPersonalData('Mi DNI es 12345678Z')).toEqual([{ kind: 'id_document', value: '12345678Z' }]);
    expect(findPersonalData('NIE X1234567L')).toEqual([{ kind: 'id_document', value: 'X1234567L' }]);
    expect(findPersonalData('código 12345678A')).toEqual([]);
  });

  it('does not flag doses, years, dates or measurements', () => {
    const text = 'Tomo 500 mg de paracetamol cada 8 horas desde 2019; la analítica del 12/03/2023 dio 120 mg/dl y peso 72.5 kg. Tensión 130/85.';
    expect(findPersonalData(text)).toEqual([]);
  });
});

describe('emergency detection', () => {
  it('recognises Spanish emergency wording with or without accents and in any case', () => {
    expect(detectEmergency('Tengo un DOLOR EN EL PECHO muy fuerte')).toEqual(['chest_pain']);
    expect(detectEmergency('no puedo respirar bien')).toEqual(['breathing']);
    expect(detectEmergency('A veces quiero morir')).toEqual(['suicide']);
    expect(detectEmergency('he pensado en suicidarme')).toEqual(['suicide']);
    expect(detectEmergency('pienso en quitarme la vida')).toEqual(['suicide']);
    expect(detectEmergency('creo que es una sobredosis')).toEqual(['overdose']);
    expect(detectEmergency('mi padre tiene síntomas de ictus')).toEqual(['stroke']);
    expect(detectEmergency('tiene una hemorragia')).toEqual(['bleeding']);
    expect(detectEmergency('Dolor torácico y opresión en el pecho')).toEqual(['chest_pain']);
    expect(detectEmergency('dolor toracico')).toEqual(['chest_pain']);
    expect(detectEmergency('Mi hijo tuvo una convulsión')).toEqual(['seizure']);
  });

  it('recognises English emergency wording, including curly apostrophes', () => {
    expect(detectEmergency('Sudden chest pain since this morning')).toEqual(['chest_pain']);
    expect(detectEmergency('I can’t breathe when I lie down')).toEqual(['breathing']);
    expect(detectEmergency("I can't breathe")).toEqual(['breathing']);
    expect(detectEmergency('I have suicidal thoughts')).toEqual(['suicide']);
    expect(detectEmergency('I want to kill myself')).toEqual(['suicide']);
    expect(detectEmergency('possible overdose of paracetamol')).toEqual(['overdose']);
    expect(detectEmergency('signs of a stroke: face drooping')).toEqual(['stroke']);
    expect(detectEmergency('severe bleeding after surgery')).toEqual(['bleeding']);
  });

  it('stays quiet for ordinary questions', () => {
    expect(detectEmergency('¿Qué dieta es mejor para el colesterol? Me duele la espalda al correr.')).toEqual([]);
    expect(detectEmergency('How often should I check my blood pressure?')).toEqual([]);
  });

  it('gives the emergency number of the asker country, 112 by default', () => {
    expect(emergencyContactsFor('ES').number).toBe('112');
    expect(emergencyContactsFor('ES').crisis_line?.number).toBe('024');
    expect(emergencyContactsFor('FR').number).toBe('112');
    expect(emergencyContactsFor('MX').number).toBe('911');
    expect(emergencyContactsFor('US').number).toBe('911');
    expect(emergencyContactsFor('US').crisis_line?.number).toBe('988');
    expect(emergencyContactsFor(null).number).toBe('112');
    expect(emergencyContactsFor('ZZ').number).toBe('112');
  });
});
