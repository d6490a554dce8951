import { SOURCES, type SourceConfigView } from '../sources/registry.js';

/** A source as GET /api/v1/sources shows it (API.md, additions 1.1). */
export interface SourceView {
  type: string;
  label: string;
  /** Whether a schedule collects from it (`import` receives files). */
  collects: boolean;
  /** Whether the platform bills reads per post (a campaign's monthly read budget caps it). */
  billed: boolean;
  /** Whether this server can use it: its credentials are set, or it needs none. */
  credentialsSet: boolean;
  /** What a person must set on the server to use it; null when nothing. */
  setup: string | null;
}

/**
 * The sources this server knows, in the registry's order. The settings do not change while the
 * process runs, so the answer is made once and shared (a frozen body is serialized once).
 */
export function createSourcesService(deps: { config: SourceConfigView }) {
  const sources: readonly SourceView[] = Object.freeze(
    SOURCES.map((s) => {
      const setup = s.credentialsMissing(deps.config);
      return Object.freeze({ type: s.type, label: s.label, collects: s.collects, billed: s.billed, credentialsSet: setup === null, setup });
    }),
  );
  const answer = Object.freeze({ sources });
  return {
    list: (): { readonly sources: readonly SourceView[] } => answer,
  };
}

export type SourcesService = ReturnType<typeof createSourcesService>;
