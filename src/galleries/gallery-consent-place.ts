/** Where the name or reference of the patient who consented is sealed (additional data of the seal). */
export const galleryConsentPlace = (entryId: string) => `gallery_consent:${entryId}`;
