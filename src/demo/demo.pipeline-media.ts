import sharp from 'sharp';
import type { AppContext } from '../app-context.js';
import { uploadMedia } from '../media/media.service.js';
import { runFfmpeg } from '../media/video-poster.js';
import { createStatus } from '../posts/statuses.service.js';
import type { DemoViewers } from './demo.seed.js';

/** An infographic as SVG: how to take one's blood pressure at home, in four steps. */
function pressureInfographic(): string {
  const steps = ['5 min sentado, sin hablar', 'Brazo apoyado a la altura del corazón', 'Manguito sobre la piel', 'Dos tomas, 1 min de diferencia'];
  const rows = steps
    .map((text, i) => {
      const y = 250 + i * 150;
      return `<circle cx="150" cy="${y}" r="48" fill="#0b6e4f"/><text x="150" y="${y + 18}" font-size="52" font-family="DejaVu Sans, sans-serif" fill="#fff" text-anchor="middle">${i + 1}</text>
        <text x="240" y="${y + 16}" font-size="44" font-family="DejaVu Sans, sans-serif" fill="#12343b">${text}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900">
    <rect width="1600" height="900" fill="#f4faf7"/><rect width="1600" height="150" fill="#0b6e4f"/>
    <text x="80" y="98" font-size="60" font-weight="bold" font-family="DejaVu Sans, sans-serif" fill="#fff">Cómo medir la tensión en casa</text>
    <path d="M1310 380c-60-90-220-40-170 90 30 80 170 170 170 170s140-90 170-170c50-130-110-180-170-90z" fill="#d7263d"/>
    ${rows}
  </svg>`;
}

/** A slide for the nurse's short video on the inhaler technique. */
function inhalerSlide(step: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
    <rect width="640" height="360" fill="#e8f1fb"/><rect y="290" width="640" height="70" fill="#1d4e89"/>
    <rect x="250" y="70" width="90" height="170" rx="30" fill="#5b8bd6"/><rect x="330" y="170" width="90" height="55" rx="12" fill="#9fb8e0"/>
    <text x="30" y="337" font-size="30" font-family="DejaVu Sans, sans-serif" fill="#fff">${step}</text>
  </svg>`;
}

/**
 * Media in the demo world, made by the same pipeline as any upload (variants, blurhash, poster
 * frame, metadata removed): a cardiologist's infographic with its description, and a nurse's
 * short video (a poster frame, Mastodon's video meta) about the inhaler.
 */
export async function seedDemoPipelineMedia(app: AppContext, viewers: DemoViewers): Promise<void> {
  const lucia = viewers.get('dra_lucia_moreno')!;
  const png = await sharp(Buffer.from(pressureInfographic())).png().toBuffer();
  const image = await uploadMedia(
    app,
    lucia,
    new File([new Uint8Array(png)], 'tension-en-casa.png', { type: 'image/png' }),
    'Infografía en cuatro pasos: cinco minutos sentado sin hablar, el brazo apoyado a la altura del corazón, el manguito sobre la piel y dos tomas separadas un minuto.',
    { focus: { x: -0.3, y: 0.2 } },
  );
  await createStatus(app, lucia, {
    kind: 'note',
    status: 'Muchas consultas empiezan con una cifra de tensión mal tomada. Os dejo los cuatro pasos que repito cada día. #hipertension #cardiologia',
    visibility: 'public',
    language: 'es',
    media_ids: [image.id],
  });

  const marta = viewers.get('enf_marta_gil')!;
  const slide = await sharp(Buffer.from(inhalerSlide('Agita, espira, inhala lento y aguanta 10 s'))).png().toBuffer();
  const encoded = await runFfmpeg(slide, 'slide.png', ['-hide_banner', '-loop', '1', '-i', 'slide.png', '-t', '4', '-r', '10', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', 'inhalador.mp4'], 'inhalador.mp4');
  if (encoded.code !== 0 || !encoded.output) {
    app.log.warn('demo world: the inhaler video could not be made', { code: encoded.code });
    return;
  }
  const video = await uploadMedia(app, marta, new File([new Uint8Array(encoded.output)], 'inhalador.mp4', { type: 'video/mp4' }), 'Vídeo de cuatro segundos: cómo usar el inhalador paso a paso.');
  await createStatus(app, marta, {
    kind: 'note',
    status: 'Técnica del inhalador en cuatro segundos: agita, espira, inhala lento y aguanta la respiración diez segundos. ¿Dudas? Preguntad en la consulta abierta. #asma',
    visibility: 'public',
    language: 'es',
    media_ids: [video.id],
  });
}
