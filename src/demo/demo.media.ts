import sharp from 'sharp';
import type { AppContext } from '../app-context.js';
import { publishGalleryEntry, withdrawConsentByCode } from '../galleries/galleries.service.js';
import { uploadMedia } from '../media/media.service.js';
import { createStatus } from '../posts/statuses.service.js';
import { favourite } from '../posts/interactions.service.js';
import type { DemoViewers } from './demo.seed.js';

/**
 * Issue 11 in the demo world: the dental clinic's before/after gallery (two pairs with consent, one
 * whose patient withdrew it), images with descriptions on posts and an article cover, and posts
 * with YouTube and Vimeo links (shown as click-to-load placeholders). The images are drawn here
 * with sharp from SVG: nothing is downloaded.
 */

/** A stylised smile: teeth from `shade` (yellowish before, white after), aligned or crowded. */
function smileSvg(shade: string, crowded: boolean, gap = false): string {
  const teeth = Array.from({ length: 8 }, (_, i) => {
    const x = 150 + i * 62 + (gap && i >= 4 ? 14 : 0);
    const tilt = crowded ? [-9, 6, -4, 11, -7, 5, -10, 8][i]! : 0;
    const drop = crowded ? [8, -4, 10, 0, 6, -6, 12, 2][i]! : 0;
    return `<rect x="${x}" y="${210 + drop}" width="56" height="92" rx="18" fill="${shade}" stroke="#c9b8a0" stroke-width="2" transform="rotate(${tilt} ${x + 28} ${256 + drop})"/>`;
  }).join('');
  const lower = Array.from({ length: 8 }, (_, i) => {
    const x = 156 + i * 60;
    return `<rect x="${x}" y="${318 + (crowded ? [4, -3, 6, 0, 5, -4, 7, 1][i]! : 0)}" width="52" height="70" rx="16" fill="${shade}" stroke="#c9b8a0" stroke-width="2"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600" viewBox="0 0 800 600">
    <rect width="800" height="600" fill="#f3e3dc"/>
    <ellipse cx="400" cy="300" rx="330" ry="170" fill="#b5475a"/>
    <ellipse cx="400" cy="300" rx="300" ry="140" fill="#5a1f2a"/>
    ${teeth}${lower}
  </svg>`;
}

/** A simple illustration (a cover or a photo of a post): a tinted card with shapes. */
function illustrationSvg(background: string, accent: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
    <rect width="1200" height="630" fill="${background}"/>
    <circle cx="880" cy="300" r="190" fill="${accent}" opacity="0.85"/>
    <rect x="180" y="170" width="420" height="290" rx="36" fill="#ffffff" opacity="0.9"/>
    <rect x="230" y="230" width="320" height="28" rx="14" fill="${accent}"/>
    <rect x="230" y="290" width="250" height="28" rx="14" fill="${accent}" opacity="0.6"/>
    <rect x="230" y="350" width="290" height="28" rx="14" fill="${accent}" opacity="0.4"/>
  </svg>`;
}

async function pngFile(svg: string, name: string): Promise<File> {
  const data = await sharp(Buffer.from(svg)).png().toBuffer();
  return new File([new Uint8Array(data)], name, { type: 'image/png' });
}

const CONSENT_TEXT =
  'Autorizo a Clínica Dental Sonrisa a publicar las fotografías de antes y después de mi tratamiento en su página de Medired, visibles para cualquier persona, sin mi nombre. Sé que puedo retirar este consentimiento en cualquier momento con el código que me han entregado o pidiéndoselo a la clínica, y que entonces las imágenes se borrarán.';

export async function seedDemoMedia(app: AppContext, viewers: DemoViewers): Promise<void> {
  const clinic = viewers.get('clinica_dental_sonrisa')!;
  const pairs = [
    {
      treatment: 'Blanqueamiento dental en consulta (2 sesiones)',
      description: 'Paciente de 34 años con tinción por café y tabaco. Dos sesiones de blanqueamiento con peróxido de hidrógeno y férula de mantenimiento. Puede haber sensibilidad los primeros días.',
      before: ['Dientes superiores e inferiores de tono amarillento, alineados', smileSvg('#e3cc8c', false)],
      after: ['Los mismos dientes, de tono blanco natural', smileSvg('#fbfaf4', false)],
      subject: 'Historia clínica 2024-0187',
      date: '2026-09-18',
    },
    {
      treatment: 'Ortodoncia invisible, 14 meses',
      description: 'Apiñamiento moderado en ambas arcadas. Alineadores transparentes durante 14 meses y retenedor nocturno.',
      before: ['Dientes apiñados y girados en ambas arcadas', smileSvg('#f1ead6', true)],
      after: ['Dientes alineados en ambas arcadas tras el tratamiento', smileSvg('#f6f2e6', false)],
      subject: 'Historia clínica 2025-0042',
      date: '2026-10-30',
    },
    {
      treatment: 'Cierre de diastema con composite',
      description: 'Espacio entre los incisivos centrales cerrado con composite en una sesión.',
      before: ['Espacio visible entre los dos incisivos superiores', smileSvg('#f3ecd9', false, true)],
      after: ['Incisivos superiores sin espacio entre ellos', smileSvg('#f3ecd9', false)],
      subject: 'Historia clínica 2023-0311',
      date: '2026-06-02',
    },
  ] as const;
  const codes: string[] = [];
  for (const [i, pair] of pairs.entries()) {
    const before = await uploadMedia(app, clinic, await pngFile(pair.before[1], `antes-${i}.png`), pair.before[0]);
    const after = await uploadMedia(app, clinic, await pngFile(pair.after[1], `despues-${i}.png`), pair.after[0]);
    const { withdrawalCode } = await publishGalleryEntry(app, clinic, {
      treatment: pair.treatment,
      description: pair.description,
      before_media_id: before.id,
      after_media_id: after.id,
      consent: { subject: pair.subject, date: pair.date, statement: CONSENT_TEXT, scope: 'public_medired', confirmed: true },
    });
    codes.push(withdrawalCode);
  }
  // The third patient changed her mind: the entry now only says consent was withdrawn.
  await withdrawConsentByCode(app, codes[2]!);

  // Posts with video links: placeholders until a visitor clicks.
  const notes: [string, string, string[]][] = [
    ['clinica_dental_sonrisa', 'Cepillado en 2 minutos, paso a paso: cerdas a 45° hacia la encía, movimientos cortos y sin olvidar la cara interna. Os dejamos el vídeo de nuestra higienista: https://www.youtube.com/watch?v=Qd4rHx2sVg8 #saludbucodental', ['luis_m', 'sofia_r']],
    ['clinica_dental_sonrisa', '¿Hilo dental o cepillos interdentales? Depende del espacio entre tus dientes. En 40 segundos: https://youtu.be/k9PwT3mZbLc #saludbucodental', ['luis_m']],
    ['dra_lucia_moreno', 'Cómo medirse bien la tensión en casa, en vídeo (lo grabamos en la consulta con una paciente que dio su permiso): https://vimeo.com/824913507 #hipertensión', ['ana_paciente', 'clinica_sanvicente']],
    ['dr_javier_ruiz', 'Maniobra de desobstrucción en bebés: un minuto que puede salvar una vida. https://www.youtube.com/shorts/Xb7nL2qRt5w #pediatría #primerosauxilios', ['luis_m', 'enf_marta_gil']],
  ];
  for (const [author, text, likedBy] of notes) {
    const viewer = viewers.get(author)!;
    const id = await createStatus(app, viewer, { kind: 'note', status: text, visibility: 'public', language: 'es' });
    for (const name of likedBy) await favourite(app, viewers.get(name)!, id);
  }

  // An image with its description on a post, and an article with a described cover.
  const sanvicente = viewers.get('clinica_sanvicente')!;
  const photo = await uploadMedia(app, sanvicente, await pngFile(illustrationSvg('#dff1ee', '#0b6e69'), 'horario.png'), 'Cartel con el nuevo horario de la clínica: de lunes a viernes de 8 a 21 h y sábados de 9 a 14 h');
  await createStatus(app, sanvicente, { kind: 'note', status: 'Desde el lunes ampliamos horario: también abrimos los sábados por la mañana. #clínica', visibility: 'public', language: 'es', media_ids: [photo.id] });
  const lucia = viewers.get('dra_lucia_moreno')!;
  const cover = await uploadMedia(app, lucia, await pngFile(illustrationSvg('#fbe9e7', '#c0392b'), 'portada.png'), 'Ilustración de un tensiómetro de brazo junto a una libreta de registro');
  await createStatus(app, lucia, {
    kind: 'article',
    title: 'Tu libreta de la tensión: cómo llevarla',
    status: 'Apunta **fecha, hora y las dos tomas** de cada medición, y el brazo que usaste.\n\nLleva la libreta (o la app) a cada revisión: tu médica verá la tendencia, no un número suelto.\n\nSi una toma supera 180/110 y tienes dolor de cabeza intenso o dolor en el pecho, llama al 112.',
    visibility: 'public',
    language: 'es',
    cover_media_id: cover.id,
  });
}
