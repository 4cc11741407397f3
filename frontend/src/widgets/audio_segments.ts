// Segments of one recording with wavesurfer.js and its regions plugin: drag on the waveform to make a segment,
// or add one at the playhead by keyboard; each segment has a label, start and end in seconds, and a transcript.

import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region as WaveRegion } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import {
  type Region, type RegionField, clamp, currentPick, el, fieldsOf, isLabelHotkey, isReadonly, keepEnterLocal, labelSelect,
  nextId, round, t,
} from './regions';
import { installTools, type Tools } from './tools';

const NEW_SEGMENT_SECONDS = 2;

interface Owner {
  field: RegionField;
  id: string;
}

export function formatTime(seconds: number): string {
  const whole = Math.max(0, seconds);
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${(whole - minutes * 60).toFixed(1).padStart(4, '0')}`;
}

/** Waveform peaks the server measured, so a long recording draws before it has downloaded. */
async function loadPeaks(url: string | undefined): Promise<{ peaks: number[][]; duration: number } | null> {
  if (!url) return null;
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) return null;
    const body = (await response.json()) as { peaks?: number[][]; duration?: number };
    return Array.isArray(body.peaks) && typeof body.duration === 'number' ? { peaks: body.peaks, duration: body.duration } : null;
  } catch {
    return null;
  }
}

export async function startAudioWidget(section: HTMLElement): Promise<void> {
  const stage = section.querySelector<HTMLElement>('[data-stage]');
  const url = section.dataset.url;
  if (!stage || !url) return;
  const measured = await loadPeaks(section.dataset.peaksUrl);
  const readonly = isReadonly(section);
  const fields = fieldsOf(section).filter((field) => field.type === 'segments');
  const byName = new Map(fields.map((field) => [field.name, field]));
  const owners = new Map<string, Owner>();
  const list = section.querySelector<HTMLElement>('[data-region-list]')!;
  const regions = RegionsPlugin.create();
  const ws = WaveSurfer.create({
    container: stage,
    url,
    ...(measured ?? {}),
    height: 'auto', // the stage's own height: taller in the labeling workspace
    waveColor: '#4a6fa5',
    progressColor: '#1d3557',
    cursorColor: '#D55E00',
    plugins: [regions],
  });
  let selected: Owner | null = null;
  // Our own note of the playhead: the media element may reset its time while it is still loading.
  const playhead = { at: 0 };
  let quiet = false; // true while we add regions ourselves, so their events are not taken for the worker's
  let duration = Number(section.dataset.duration) || 0;

  const colourOf = (field: RegionField, label: string): string => `${field.labelColour(label)}40`;

  const drawRegion = (field: RegionField, segment: Region): void => {
    const start = Number(segment.start);
    const end = Number(segment.end);
    if (!Number.isFinite(start) || !Number.isFinite(end) || start >= end) return;
    const id = `${field.name}:${segment.id}`;
    owners.set(id, { field, id: segment.id });
    quiet = true;
    regions.addRegion({
      id, start, end, color: colourOf(field, segment.label), drag: !readonly, resize: !readonly,
      content: field.labelText(segment.label),
    });
    quiet = false;
  };

  const update = (field: RegionField, id: string, change: Partial<Region>): void => {
    field.write(field.read().map((segment) => (segment.id === id ? { ...segment, ...change } : segment)));
  };

  const regionOf = (field: RegionField, id: string): WaveRegion | undefined =>
    regions.getRegions().find((region) => region.id === `${field.name}:${id}` || (owners.get(region.id)?.field === field && owners.get(region.id)?.id === id));

  let tools: Tools | null = null;
  const addAtPlayhead = (): void => {
    const start = playhead.at;
    const end = Math.min(start + NEW_SEGMENT_SECONDS, duration || start + NEW_SEGMENT_SECONDS);
    if (end > start) addSegment(start, end);
  };

  const addSegment = (start: number, end: number, waveRegion?: WaveRegion): void => {
    const pick = currentPick(section);
    const field = pick ? byName.get(pick.control) : fields[0];
    if (!field) {
      waveRegion?.remove();
      return;
    }
    const label = pick?.label ?? field.labels[0]?.value ?? '';
    const segments = field.read();
    const id = nextId('g', segments);
    const segment = { id, start: round(start, 3), end: round(end, 3), label, text: '' };
    field.write([...segments, segment]);
    if (waveRegion) {
      owners.set(waveRegion.id, { field, id });
      waveRegion.setOptions({ color: colourOf(field, label), content: field.labelText(label) } as never);
    } else {
      drawRegion(field, segment);
    }
    selected = { field, id };
    render(id);
  };

  const removeSegment = (field: RegionField, id: string): void => {
    field.write(field.read().filter((s) => s.id !== id));
    regionOf(field, id)?.remove();
    if (selected?.field === field && selected.id === id) selected = null;
    render();
  };

  // Every segment drawn again from the hidden fields (after an undo or redo).
  const reload = (): void => {
    quiet = true;
    regions.clearRegions();
    quiet = false;
    owners.clear();
    for (const field of fields) for (const segment of field.read()) drawRegion(field, segment);
    if (selected && !selected.field.read().some((segment) => segment.id === selected!.id)) selected = null;
    render();
  };

  const render = (focusTranscriptOf = ''): void => {
    list.replaceChildren();
    for (const field of fields) {
      const segments = field.read();
      const items = el('ol', { 'data-testid': `regions-${field.name}` });
      segments.forEach((segment, index) => {
        const name = t('segment_n', 'Segment %(n)s', { n: index + 1 });
        const row = el('li', { 'data-region-id': segment.id });
        row.append(el('span', { class: 'swatch', 'aria-hidden': 'true', style: `background:${field.labelColour(segment.label)}` }));
        const times = t('segment_times', 'start %(start)s s, end %(end)s s', { start: round(Number(segment.start), 2), end: round(Number(segment.end), 2) });
        const play = el('button', { type: 'button', class: 'tool' }, t('play', 'Play'));
        play.setAttribute('aria-label', t('play_named', 'Play %(name)s', { name }));
        play.addEventListener('click', () => regionOf(field, segment.id)?.play());
        if (readonly) {
          row.append(el('strong', {}, field.labelText(segment.label)), ` ${name}: ${times} `, play);
          if (segment.text) row.append(el('p', { lang: 'ko' }, String(segment.text)));
          items.append(row);
          return;
        }
        const select = labelSelect(field, segment.label, t('label_of', 'Label of %(name)s', { name }));
        select.addEventListener('change', () => {
          update(field, segment.id, { label: select.value });
          regionOf(field, segment.id)?.setOptions({ color: colourOf(field, select.value), content: field.labelText(select.value) } as never);
          render();
        });
        const startInput = timeInput(t('start_short', 'start'), t('start_of', 'Start of %(name)s, seconds', { name }), Number(segment.start));
        const endInput = timeInput(t('end_short', 'end'), t('end_of', 'End of %(name)s, seconds', { name }), Number(segment.end));
        const onTimes = (): void => {
          const start = clamp(Number(startInput.querySelector('input')!.value), 0, duration || Infinity);
          const end = clamp(Number(endInput.querySelector('input')!.value), 0, duration || Infinity);
          if (!(start < end)) {
            const first = startInput.querySelector('input')!;
            first.setCustomValidity(t('start_before_end', 'The start must come before the end.'));
            first.reportValidity();
            return;
          }
          startInput.querySelector('input')!.setCustomValidity('');
          update(field, segment.id, { start: round(start, 3), end: round(end, 3) });
          regionOf(field, segment.id)?.setOptions({ start, end } as never);
        };
        startInput.addEventListener('change', onTimes);
        endInput.addEventListener('change', onTimes);
        const transcriptId = `${section.dataset.testid ?? 'audio'}-${field.name}-${segment.id}-text`;
        const transcript = el('textarea', {
          id: transcriptId, rows: '2', lang: 'ko', 'data-testid': 'segment-transcript', maxlength: field.input.dataset.maxText ?? '5000',
        });
        transcript.value = String(segment.text ?? '');
        transcript.addEventListener('input', () => update(field, segment.id, { text: transcript.value }));
        const wantsText = field.input.dataset.transcript === 'true';
        const remove = el('button', { type: 'button', class: 'tool', 'data-testid': 'remove-region' }, t('delete', 'Delete'));
        remove.setAttribute('aria-label', t('delete_named', 'Delete %(name)s', { name }));
        remove.addEventListener('click', () => removeSegment(field, segment.id));
        if (selected?.field === field && selected.id === segment.id) row.setAttribute('aria-current', 'true');
        row.append(
          el('div', { class: 'region-head' }, el('span', { class: 'region-name' }, name), select, play, remove),
          el('div', { class: 'region-fields' }, startInput, endInput, el('span', { class: 'unit', 'aria-hidden': 'true' }, t('seconds_short', 's'))),
        );
        if (wantsText) row.append(el('label', { for: transcriptId }, t('transcript_of', 'Transcript of %(name)s', { name })), transcript);
        items.append(row);
        if (wantsText && focusTranscriptOf === segment.id) queueMicrotask(() => transcript.focus());
        row.addEventListener('focusin', () => {
          if (selected?.field === field && selected.id === segment.id) return;
          selected = { field, id: segment.id };
          items.querySelectorAll('li[aria-current]').forEach((other) => other.removeAttribute('aria-current'));
          row.setAttribute('aria-current', 'true');
          tools?.refresh();
        });
      });
      list.append(el('h4', {}, `${field.title} (${segments.length})`), items);
    }
    if (!readonly) {
      const add = el('button', { type: 'button', class: 'tool', 'data-testid': 'add-segment' }, t('add_segment', 'Add a segment at the playhead'));
      add.addEventListener('click', addAtPlayhead);
      list.append(add);
    }
    tools?.refresh();
  };

  ws.on('ready', () => {
    duration = ws.getDuration() || duration;
    for (const field of fields) for (const segment of field.read()) drawRegion(field, segment);
    if (!readonly) {
      regions.enableDragSelection({ color: 'rgba(0, 114, 178, 0.25)' });
    }
    section.dataset.widgetLoaded = 'true';
  });

  if (!readonly) {
    regions.on('region-clicked', (region) => {
      selected = owners.get(region.id) ?? null;
      render();
    });
    regions.on('region-created', (region) => {
      if (quiet || owners.has(region.id)) return;
      addSegment(region.start, region.end, region);
    });
    regions.on('region-updated', (region) => {
      const owner = owners.get(region.id);
      if (owner) {
        update(owner.field, owner.id, { start: round(region.start, 3), end: round(region.end, 3) });
        render();
      }
    });
    keepEnterLocal(list);
    tools = installTools(section, fields, {
      reload,
      removeSelected: () => {
        if (!selected) return false;
        removeSegment(selected.field, selected.id);
        return true;
      },
      hasSelection: () => selected !== null,
    });
  }

  ws.on('interaction', (time) => { playhead.at = time; });
  ws.on('timeupdate', (time) => { if (ws.isPlaying()) playhead.at = time; });
  seekByKeyboard(stage, ws, () => duration, playhead, readonly ? null : addAtPlayhead);
  const playButton = section.querySelector<HTMLButtonElement>('[data-play]');
  const timeOutput = section.querySelector<HTMLOutputElement>('[data-time]');
  playButton?.addEventListener('click', () => ws.playPause());
  ws.on('play', () => { if (playButton) playButton.textContent = t('pause', 'Pause'); });
  ws.on('pause', () => { if (playButton) playButton.textContent = t('play', 'Play'); });
  ws.on('timeupdate', (time) => { if (timeOutput) timeOutput.textContent = formatTime(time); });
  section.querySelector<HTMLSelectElement>('[data-speed]')?.addEventListener('change', (event) => {
    ws.setPlaybackRate(Number((event.target as HTMLSelectElement).value), true);
  });
  render();
}

/** The waveform as a slider: arrows move the playhead (1 s, or 0.1 s with Shift), Space plays and pauses. */
function seekByKeyboard(
  stage: HTMLElement, ws: WaveSurfer, duration: () => number, playhead: { at: number }, add: (() => void) | null,
): void {
  stage.tabIndex = 0;
  stage.setAttribute('role', 'slider');
  stage.setAttribute('aria-label', t('playhead', 'Playhead'));
  stage.setAttribute('aria-valuemin', '0');
  const show = (time: number): void => {
    stage.setAttribute('aria-valuemax', String(round(duration(), 1)));
    stage.setAttribute('aria-valuenow', String(round(time, 1)));
    stage.setAttribute('aria-valuetext', formatTime(time));
  };
  show(0);
  ws.on('timeupdate', (time) => { if (ws.isPlaying()) show(time); });
  ws.on('interaction', show);
  stage.addEventListener('keydown', (event) => {
    const step = event.shiftKey ? 0.1 : 1;
    const now = playhead.at;
    const moves: Record<string, number> = {
      ArrowRight: now + step, ArrowUp: now + step, ArrowLeft: now - step, ArrowDown: now - step, Home: 0, End: duration(),
    };
    if (event.key in moves) {
      playhead.at = round(clamp(moves[event.key], 0, duration()), 3);
      ws.setTime(playhead.at);
      show(playhead.at);
    } else if (event.key === ' ') {
      ws.playPause();
    } else if (add && (event.key === 'n' || event.key === 'N') && !event.ctrlKey && !event.altKey && !isLabelHotkey(event.key, stage.closest('form') ?? document)) {
      add();
    } else {
      return;
    }
    event.preventDefault();
  });
}

/** A labelled number field for a time in seconds: the short word shows, the full name is read out. */
function timeInput(word: string, label: string, value: number): HTMLLabelElement {
  const input = el('input', { type: 'number', min: '0', step: 'any', inputmode: 'decimal', 'aria-label': `${word}: ${label}` });
  input.value = String(value);
  return el('label', { class: 'num' }, el('span', { 'aria-hidden': 'true' }, word), input);
}

