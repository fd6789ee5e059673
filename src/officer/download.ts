// Saving text the officer's browser made (exports) as a file: a blob: URL clicked once, then revoked. Holds nothing.

/** How long a download's blob: URL lives: long enough for the browser to start saving it. */
export const DOWNLOAD_URL_LIFETIME_MS = 60_000;

export const download = (text: string, type: string, fileName: string): void => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
};
