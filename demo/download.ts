// A file the page hands to the browser's downloads (samples, GIFs, drawn points): a temporary
// object URL, revoked once the download has had time to start.

export function download(name: string, data: BlobPart, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([data], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
