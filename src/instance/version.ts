/** Medired's own version (package.json's), as NodeInfo and the instance entity report it. */
export const MEDIRED_VERSION = '0.1.0';
