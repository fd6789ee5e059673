// "Storage on this device": whether the browser promised to keep SafeVisit's data, and when it did not (or cannot),
// that the data may be cleared and how to prevent it in this browser; whether reports can be sent in the background.
import { type BrowserFeatures, detectBrowserFeatures, installHow } from '../../pwa/browser-features.ts';
import { SYNC_INTERVAL_MS } from '../../sync/outbox.ts';

/** Safari deletes the storage of a site not added to the home screen after this many days without use. */
export const SAFARI_UNUSED_DAYS = 7;

const keepAdvice = (features: BrowserFeatures): string => {
  if (features.appleWebKit && !features.standalone)
    return `To prevent it on an iPhone or iPad, add SafeVisit to the home screen (in Safari: Share, then “Add to Home Screen”) and open it from there: Safari clears the data of a site not added to the home screen after ${SAFARI_UNUSED_DAYS} days without use.`;
  const how = installHow(features);
  return `To make it less likely, ${how ? `install SafeVisit (${how}) and ` : ''}send reports promptly.`;
};

/** The panel's paragraphs: what the browser promised about the data, and what it cannot do in the background. */
export const storageAdvice = (persistGranted: boolean | null, features: BrowserFeatures): string[] => {
  const kept =
    persistGranted === true
      ? 'The browser has agreed to keep SafeVisit’s data even when the device runs low on space.'
      : `${persistGranted === false ? 'The browser has not promised' : 'This browser cannot promise'} to keep SafeVisit’s data: it may clear it, drafts and unsent reports included. ${keepAdvice(features)}`;
  if (features.backgroundSync) return [kept];
  return [
    kept,
    `This browser cannot send reports in the background. SafeVisit sends them while it is open: when the connection returns, when you come back to it, and every ${SYNC_INTERVAL_MS / 60_000} minutes.`,
  ];
};

export const StoragePanel = ({
  persistGranted,
  features = detectBrowserFeatures(),
}: {
  persistGranted: boolean | null;
  features?: BrowserFeatures;
}) => (
  <section class="card" aria-labelledby="storage-title">
    <h2 id="storage-title">Storage on this device</h2>
    {storageAdvice(persistGranted, features).map((text) => (
      <p key={text}>{text}</p>
    ))}
  </section>
);
