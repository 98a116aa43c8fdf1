/** Short posts and articles of the demo world, oldest first. `replyTo` is an index into this list. */
export interface DemoNote {
  kind: 'note';
  author: string;
  text: string;
  visibility?: 'public' | 'unlisted' | 'private';
  replyTo?: number;
  likedBy?: string[];
  rebloggedBy?: string[];
}

export interface DemoArticle {
  kind: 'article';
  author: string;
  title: string;
  body: string;
  likedBy?: string[];
  rebloggedBy?: string[];
}

export type DemoPost = DemoNote | DemoArticle;

export const DEMO_POSTS: DemoPost[] = [
  { kind: 'note', author: 'equipo_medired', text: '¡Bienvenidas y bienvenidos a Medired! Aquí los profesionales verificados llevan una insignia junto a su nombre. Si algo no te parece fiable, denúncialo. #bienvenida', likedBy: ['ana_paciente', 'luis_m'] },
  { kind: 'note', author: 'dra_lucia_moreno', text: 'Recordatorio de los lunes: medirse la tensión en casa bien hecho vale oro. Sentado, espalda apoyada, 5 minutos de reposo, brazo a la altura del corazón y dos tomas separadas un minuto. #hipertensión #cardiología', likedBy: ['ana_paciente', 'clinica_sanvicente', 'sofia_r'], rebloggedBy: ['clinica_sanvicente'] },
  { kind: 'note', author: 'ana_paciente', text: '@dra_lucia_moreno ¿y si la tensión me sale distinta en cada brazo? Me ha pasado esta mañana.', replyTo: 1 },
  { kind: 'note', author: 'dra_lucia_moreno', text: '@ana_paciente Pequeñas diferencias son normales. Usa siempre el brazo en el que te salga más alta y coméntalo en tu próxima revisión si la diferencia es grande (más de 10-15 mmHg).', replyTo: 2, likedBy: ['ana_paciente'] },
  { kind: 'note', author: 'dr_javier_ruiz', text: 'La fiebre no es una enfermedad, es una defensa. Lo importante es cómo está el niño: si juega, come y bebe, tranquilidad. Si le cuesta respirar, está decaído o tiene manchas que no desaparecen al presionar, a urgencias. #pediatría #fiebre', likedBy: ['luis_m', 'enf_marta_gil', 'dra_lucia_moreno'], rebloggedBy: ['luis_m'] },
  { kind: 'note', author: 'luis_m', text: 'Gracias @dr_javier_ruiz, esta explicación me habría ahorrado más de una noche en vela. #pediatría', replyTo: 4 },
  { kind: 'note', author: 'salud_publica_mad', text: 'Empieza la campaña de vacunación frente a la gripe y la COVID-19 para mayores de 60 años, embarazadas y personas con enfermedades crónicas. Pide cita en tu centro de salud. #vacunas #gripe', likedBy: ['ana_paciente', 'dr_javier_ruiz', 'enf_marta_gil', 'luis_m'], rebloggedBy: ['dr_javier_ruiz', 'enf_marta_gil', 'clinica_sanvicente'] },
  { kind: 'note', author: 'enf_marta_gil', text: 'Truco de consulta de enfermería: rota las zonas de inyección de insulina (abdomen, muslos, brazos) para evitar bultos de grasa que alteran la absorción. #diabetes #enfermería', likedBy: ['carlos_dt1', 'asoc_diabetes'], rebloggedBy: ['asoc_diabetes'] },
  { kind: 'note', author: 'carlos_dt1', text: 'Después de 15 años con diabetes tipo 1, lo que más me ha ayudado es apuntar qué como y cómo responde mi glucosa. Nada mágico, constancia. #diabetes', likedBy: ['enf_marta_gil', 'nutri_carmen_lopez'] },
  { kind: 'note', author: 'psic_andres_vidal', text: 'La ansiedad no se vence a fuerza de voluntad. Respirar despacio, moverse y hablar de ello con alguien de confianza ayuda; si te limita el día a día, pide ayuda profesional. #saludmental', likedBy: ['sofia_r'], rebloggedBy: ['sofia_r'] },
  { kind: 'note', author: 'sofia_r', text: 'Hoy hace un año que empecé terapia. Pedir ayuda fue lo más difícil y lo que más ha merecido la pena. #saludmental', likedBy: ['psic_andres_vidal'] },
  { kind: 'note', author: 'nutri_carmen_lopez', text: 'No existen los alimentos "quemagrasas". Lo que funciona es aburrido: más verdura, legumbre y fruta, menos ultraprocesados, y moverse. #nutrición', likedBy: ['ana_paciente', 'carlos_dt1'] },
  { kind: 'note', author: 'fisio_pablo_ortega', text: 'Con dolor lumbar inespecífico, el reposo absoluto suele empeorar las cosas. Caminar y mantenerse activo dentro de lo tolerable ayuda a recuperarse antes. #fisioterapia', likedBy: ['sofia_r', 'clinica_sanvicente'] },
  { kind: 'note', author: 'clinica_sanvicente', text: 'Este sábado, taller gratuito de primeros auxilios en pediatría para familias en nuestra clínica de Madrid. Plazas limitadas. #pediatría #primerosauxilios' },
  { kind: 'note', author: 'asoc_diabetes', text: 'Nuevo grupo de apoyo para familias con niños recién diagnosticados de diabetes tipo 1. Nos vemos los jueves por la tarde en Valencia. #diabetes', likedBy: ['carlos_dt1', 'enf_marta_gil'] },
  { kind: 'note', author: 'dra_lucia_moreno', text: 'Solo para quienes me seguís: el mes que viene abro una ronda de preguntas sobre colesterol en la Consulta abierta. ¡Preparad vuestras dudas!', visibility: 'private' },
  {
    kind: 'article',
    author: 'dra_lucia_moreno',
    title: 'Hipertensión: cinco hábitos que sí bajan la tensión',
    body: `La hipertensión arterial afecta a uno de cada tres adultos y muchas personas no saben que la tienen. La buena noticia es que algunos cambios sencillos tienen un efecto comprobado.

## 1. Menos sal (y la que no se ve)

Tres cuartas partes de la sal que tomamos viene de alimentos procesados: pan, embutidos, quesos curados, salsas. Leer etiquetas ayuda más que retirar el salero.

## 2. Moverse casi todos los días

Caminar a paso ligero 30 minutos, cinco días por semana, puede bajar la tensión sistólica entre 4 y 8 mmHg.

## 3. Peso y cintura

Perder unos pocos kilos cuando hay sobrepeso reduce la tensión de forma notable.

## 4. Alcohol: cuanto menos, mejor

No hay una cantidad "buena" de alcohol para el corazón.

## 5. Medir en casa

La automedida (ver mi publicación sobre cómo hacerlo bien) ayuda a tu médico a ajustar el tratamiento.

> Este artículo es divulgativo y no sustituye la valoración de tu médico. Si tomas medicación, no la cambies por tu cuenta.

#hipertensión #cardiología`,
    likedBy: ['ana_paciente', 'clinica_sanvicente', 'enf_marta_gil', 'sofia_r'],
    rebloggedBy: ['clinica_sanvicente', 'ana_paciente'],
  },
  {
    kind: 'article',
    author: 'dr_javier_ruiz',
    title: 'Fiebre en niños: cuándo preocuparse y cuándo no',
    body: `Pocas cosas asustan tanto a una familia como un niño con fiebre. Estas pautas ayudan a decidir con calma.

## Qué es fiebre

Hablamos de fiebre a partir de 38 °C. La cifra del termómetro importa menos que el estado general del niño.

## Cuándo acudir a urgencias

- Bebés menores de 3 meses con fiebre.
- Dificultad para respirar o respiración muy rápida.
- Manchas en la piel que no desaparecen al presionar.
- Decaimiento intenso, rigidez de nuca o convulsiones.

## Qué hacer en casa

Ofrecer líquidos con frecuencia, ropa ligera y antitérmico si está incómodo, siempre a la dosis por peso que indique su pediatra.

*No sustituye a la consulta con tu pediatra.*

#pediatría #fiebre`,
    likedBy: ['luis_m', 'clinica_sanvicente'],
    rebloggedBy: ['luis_m'],
  },
  {
    kind: 'article',
    author: 'psic_andres_vidal',
    title: 'Ansiedad: qué es, qué no es y cuándo pedir ayuda',
    body: `La ansiedad es una respuesta normal ante amenazas. Se convierte en un problema cuando aparece sin motivo claro, dura mucho o nos impide hacer nuestra vida.

## Señales frecuentes

Palpitaciones, sensación de ahogo, tensión muscular, preocupación constante, insomnio.

## Lo que ayuda

1. Respiración lenta (inspirar en 4 segundos, soltar en 6).
2. Actividad física regular.
3. Reducir cafeína y alcohol.
4. Hablar de lo que nos pasa.

## Cuándo pedir ayuda

Si la ansiedad te limita durante semanas, consulta con tu médico o un profesional de la psicología. Si tienes pensamientos de hacerte daño, llama al **024** (línea de atención a la conducta suicida) o al **112**.

#saludmental #ansiedad`,
    likedBy: ['sofia_r', 'ana_paciente'],
  },
];
