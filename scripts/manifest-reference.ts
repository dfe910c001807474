export function renderManifestReference(_s: unknown): string { return ""; }
