import type { Child } from 'hono/jsx';

/** A notice at the top of a page: `success` after an action, `error` when something failed. */
export function Flash({ kind, children }: { kind: 'success' | 'error' | 'info'; children: Child }) {
  return (
    <div class={`flash flash-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** Flash messages carried across a redirect as a `?notice=` code; each page maps codes to texts. */
export function noticeFrom(url: string): string | null {
  return new URL(url).searchParams.get('notice');
}
