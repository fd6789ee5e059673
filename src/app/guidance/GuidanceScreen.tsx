// Guidance: browse and search the guidance pack; readable while the vault is locked.
export const GuidanceScreen = (_props: { param?: string | undefined }) => (
  <section aria-labelledby="guidance-title">
    <h1 id="guidance-title">Guidance</h1>
  </section>
);
