// Loads a screen's code on first use, so a page's first load ships only its shell (both front ends use it).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export const lazyComponent = <P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> => {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const Lazy = (props: P) => {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Component) return;
      pending ??= load().then((c) => {
        loaded = c;
        return c;
      });
      let alive = true;
      pending.then(
        (c) => alive && setComponent(() => c),
        () => {
          pending = null;
          if (alive) setFailed(true);
        },
      );
      return () => {
        alive = false;
      };
    }, [Component]);
    if (failed) return <p class="error-text">This screen could not be loaded. Reload the page and try again.</p>;
    if (!Component) return <p class="muted">Loading…</p>;
    return <Component {...props} />;
  };
  return Lazy;
};
