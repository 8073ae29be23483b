import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// A frame every 150 ms reads a badge held up in well under a second and leaves the kiosk's CPU to the screen.
const frameIntervalMs = 150;
const width = 640;
const height = 480;

/**
 * The webcam as a badge reader: frames drawn on a canvas and decoded with jsQR. Mounted only on the welcome screen,
 * so the camera is off whenever a person's details are on screen, and stops (light off) as the screen changes.
 * No camera, or no permission: the kiosk works by scanner and by name, and says nothing about a camera.
 */
export function Camera({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [live, setLive] = useState(false);
  const latest = useRef(onCode);
  useEffect(() => {
    latest.current = onCode;
  });

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const read = () => {
      const element = video.current;
      if (!element || !context || element.readyState < 2) return;
      context.drawImage(element, 0, 0, width, height);
      const frame = context.getImageData(0, 0, width, height);
      const code = jsQR(frame.data, width, height, { inversionAttempts: 'dontInvert' });
      if (code?.data) latest.current(code.data);
    };
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) return;
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { width, height }, audio: false });
      } catch {
        return;
      }
      if (stopped || !video.current) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      setLive(true);
      timer = setInterval(read, frameIntervalMs);
    };
    void start();
    return () => {
      stopped = true;
      clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <figure className="kiosk-camera" hidden={!live}>
      <video ref={video} muted playsInline aria-hidden="true" />
      <figcaption>{t('kiosk.cameraHint')}</figcaption>
    </figure>
  );
}
