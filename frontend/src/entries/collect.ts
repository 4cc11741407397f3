// The speech collection page: record with MediaRecorder, listen back, then send the clip as a WAV file.
// The browser records in its own format (WebM/Opus in Chromium); the clip is decoded and written as 16-bit
// PCM WAV so the server can read its length without ffmpeg. The file field stays usable without a microphone.

export function encodeWav(samples: Float32Array, sampleRate: number): Blob {
  const buffer = new ArrayBuffer(44 + samples.length * 2);
  const view = new DataView(buffer);
  const text = (offset: number, value: string): void => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const clamped = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * 2, clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff, true);
  }
  return new Blob([buffer], { type: 'audio/wav' });
}

export function mixToMono(audio: AudioBuffer): Float32Array {
  const mono = new Float32Array(audio.length);
  for (let channel = 0; channel < audio.numberOfChannels; channel++) {
    const data = audio.getChannelData(channel);
    for (let i = 0; i < data.length; i++) mono[i] += data[i] / audio.numberOfChannels;
  }
  return mono;
}

async function toWav(recorded: Blob): Promise<Blob> {
  const context = new AudioContext();
  try {
    const decoded = await context.decodeAudioData(await recorded.arrayBuffer());
    return encodeWav(mixToMono(decoded), decoded.sampleRate);
  } finally {
    void context.close();
  }
}

function setUp(root: HTMLElement): void {
  const button = root.querySelector<HTMLButtonElement>('#record-button');
  const status = root.querySelector<HTMLElement>('#record-status');
  const playback = root.querySelector<HTMLAudioElement>('#playback');
  const input = document.querySelector<HTMLInputElement>('#id_file');
  if (!button || !status || !playback || !input || !('MediaRecorder' in window) || !navigator.mediaDevices) return;
  const text = root.dataset;
  const maxMs = Number(text.maxSeconds || '30') * 1000;
  let recorder: MediaRecorder | null = null;
  let timer = 0;
  button.hidden = false;

  const stop = (): void => {
    window.clearTimeout(timer);
    if (recorder && recorder.state === 'recording') recorder.stop();
  };

  const start = async (): Promise<void> => {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      status.textContent = text.textDenied ?? '';
      return;
    }
    const chunks: Blob[] = [];
    recorder = new MediaRecorder(stream);
    recorder.addEventListener('dataavailable', (event) => chunks.push(event.data));
    recorder.addEventListener('stop', () => {
      stream.getTracks().forEach((track) => track.stop());
      void (async () => {
        const wav = await toWav(new Blob(chunks, { type: recorder?.mimeType || 'audio/webm' }));
        const file = new File([wav], 'recording.wav', { type: 'audio/wav' });
        const transfer = new DataTransfer();
        transfer.items.add(file);
        input.files = transfer.files;
        playback.src = URL.createObjectURL(wav);
        playback.hidden = false;
        button.textContent = text.textAgain ?? '';
        button.setAttribute('aria-pressed', 'false');
        status.textContent = text.textReady ?? '';
        root.dataset.state = 'recorded';
      })();
    });
    recorder.start();
    root.dataset.state = 'recording';
    button.textContent = text.textStop ?? '';
    button.setAttribute('aria-pressed', 'true');
    status.textContent = text.textRecording ?? '';
    timer = window.setTimeout(stop, maxMs);
  };

  button.addEventListener('click', () => {
    if (recorder && recorder.state === 'recording') stop();
    else void start();
  });
}

const root = document.querySelector<HTMLElement>('#recorder');
if (root) setUp(root);
