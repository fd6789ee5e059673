// Loads a screen's code on first use, so the first load ships only the shell, the vault and the store.
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
    if (failed) return <p class="error-text">This screen could not be loaded. Reload the app and try again.</p>;
    if (!Component) return <p class="muted">Loading…</p>;
    return <Component {...props} />;
  };
  return Lazy;
};
