// Reports: the list of incident reports and the editor.
export const ReportsScreen = (_props: { param?: string | undefined }) => (
  <section aria-labelledby="reports-title">
    <h1 id="reports-title">Reports</h1>
  </section>
);
