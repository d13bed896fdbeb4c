// Loads a component on first render without preact/compat, which would weigh on the shell.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A component that renders `fallback` until `load()` resolves, then the loaded component. */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, fallback: JSX.Element | null = null) {
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    useEffect(() => {
      if (!loaded) void load().then((c) => { loaded = c; setComponent(() => c); });
    }, []);
    return Component ? <Component {...props} /> : fallback;
  };
}
