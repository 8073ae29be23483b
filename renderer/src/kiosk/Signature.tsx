import SignaturePad from 'signature_pad';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maxSignatureBytes, signatureCanvas } from '../../../electron/core/kiosk/schema';

export interface SignatureHandle {
  /** The drawing as base64 PNG, small enough for the contract's limit; null when nothing was drawn. */
  png(): string | null;
}

const { width, height } = signatureCanvas;

const base64Of = (dataUrl: string) => dataUrl.slice(dataUrl.indexOf(',') + 1);
const bytesOf = (base64: string) => Math.floor((base64.length * 3) / 4);

/** Touch, pen or mouse (pointer events): signature_pad draws smooth strokes; Clear starts again. */
export const Signature = forwardRef<SignatureHandle, { labelId: string; onChange: (drawn: boolean) => void }>(
  function Signature({ labelId, onChange }, ref) {
    const { t } = useTranslation();
    const canvas = useRef<HTMLCanvasElement>(null);
    const pad = useRef<SignaturePad | null>(null);
    const [drawn, setDrawn] = useState(false);
    const changed = useRef(onChange);
    useEffect(() => {
      changed.current = onChange;
    });

    useEffect(() => {
      if (!canvas.current) return;
      const signature = new SignaturePad(canvas.current, { penColor: '#000', minWidth: 1, maxWidth: 2.5 });
      const update = () => {
        setDrawn(!signature.isEmpty());
        changed.current(!signature.isEmpty());
      };
      signature.addEventListener('endStroke', update);
      pad.current = signature;
      return () => {
        // Nothing of this person's signature survives the screen.
        signature.removeEventListener('endStroke', update);
        signature.clear();
        signature.off();
        pad.current = null;
      };
    }, []);

    useImperativeHandle(ref, () => ({
      png() {
        const signature = pad.current;
        if (!signature || signature.isEmpty() || !canvas.current) return null;
        const full = base64Of(signature.toDataURL('image/png'));
        if (bytesOf(full) <= maxSignatureBytes) return full;
        // A very busy drawing: half the size is still a readable signature on a sign-in sheet.
        const small = document.createElement('canvas');
        small.width = width / 2;
        small.height = height / 2;
        small.getContext('2d')?.drawImage(canvas.current, 0, 0, small.width, small.height);
        const half = base64Of(small.toDataURL('image/png'));
        return bytesOf(half) <= maxSignatureBytes ? half : null;
      },
    }));

    return (
      <div className="kiosk-signature">
        <canvas
          ref={canvas}
          width={width}
          height={height}
          role="img"
          aria-labelledby={labelId}
          className="kiosk-signature-canvas"
        />
        <button
          type="button"
          className="button kiosk-secondary"
          disabled={!drawn}
          onClick={() => {
            pad.current?.clear();
            setDrawn(false);
            changed.current(false);
          }}
        >
          {t('kiosk.clearSignature')}
        </button>
      </div>
    );
  },
);
