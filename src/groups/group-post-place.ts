/** The place a group post's sealed text belongs to (the sealer's additional data; see `MessageSealer`). */
export const groupPostPlace = (id: string) => `group_post:${id}`;
