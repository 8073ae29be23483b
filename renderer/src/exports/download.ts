/** How long the object URL lives after the click: the browser has started the download well before then. */
const revokeAfterMs = 10_000;

/** Base64 to bytes without a detour through a huge intermediate array of numbers. */
export function base64Bytes(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves bytes the core made as a file, the same way in a browser and in Electron: a Blob, an object URL, and a
 * click on an <a download> (Electron shows its save dialog for it). The URL is revoked a little later, since
 * revoking it during the click can cancel the download in Chromium.
 */
export function saveFile(file: { fileName: string; mediaType: string; data: string }): void {
  const blob = new Blob([base64Bytes(file.data)], { type: file.mediaType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
  }
}
