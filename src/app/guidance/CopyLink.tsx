// "Copy link" for a guidance page, so it can go into a meeting's notes. The link holds only the page's id (never
// personal data); where the clipboard is refused, the link is shown selected for the user to copy.
import { useEffect, useRef, useState } from 'preact/hooks';

type CopyState = 'idle' | 'copied' | 'manual';

export const CopyLink = ({ href }: { href: string }) => {
  const [state, setState] = useState<CopyState>('idle');
  const field = useRef<HTMLInputElement>(null);
  const url = new URL(href, window.location.href).href;

  const copy = async () => {
    try {
      // Absent outside a secure context, and refused without permission: both fall back to the selected text.
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  useEffect(() => {
    if (state !== 'manual') return;
    field.current?.focus();
    field.current?.select();
  }, [state]);

  return (
    <div class="guidance-copy">
      <button type="button" class="button button--secondary" onClick={copy}>
        Copy link
      </button>
      <p class="guidance-copy__status" aria-live="polite">
        {state === 'copied'
          ? 'Link copied.'
          : state === 'manual'
            ? 'The link is selected below: copy it from there.'
            : ''}
      </p>
      {state === 'manual' && (
        <p class="guidance-copy__manual">
          <label for="guidance-copy-url">Link to this guidance</label>
          <input
            ref={field}
            id="guidance-copy-url"
            type="url"
            readOnly
            value={url}
            onFocus={(e) => e.currentTarget.select()}
          />
        </p>
      )}
    </div>
  );
};
