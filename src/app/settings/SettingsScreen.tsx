// Settings: sync endpoint, access token, locking and retention.
export const SettingsScreen = () => (
  <section aria-labelledby="settings-title">
    <h1 id="settings-title">Settings</h1>
  </section>
);
