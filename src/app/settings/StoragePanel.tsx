// "Storage on this device": whether the browser promised to keep SafeVisit's data when space runs low.

export const StoragePanel = ({ persistGranted }: { persistGranted: boolean | null }) => (
  <section class="card" aria-labelledby="storage-title">
    <h2 id="storage-title">Storage on this device</h2>
    <p>
      {persistGranted === true
        ? 'The browser has agreed to keep SafeVisit’s data even when the device runs low on space.'
        : persistGranted === false
          ? 'The browser has not promised to keep SafeVisit’s data when space runs low. Send reports promptly; installing the app usually helps.'
          : 'This browser cannot promise to keep SafeVisit’s data when space runs low. Send reports promptly.'}
    </p>
  </section>
);
