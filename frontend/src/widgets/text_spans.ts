// Spans on one text with @recogito/text-annotator, and relations between spans as a small layer of our own
// (text-annotator 4 has none): pick "Link" on one span and then "Link here" on another, or click its highlight.
// Offsets are stored in code points, as Python indexes the item's text.

import {
  createTextAnnotator, type TextAnnotation, type TextAnnotator, UserSelectAction,
} from '@recogito/text-annotator';
import {
  type Region, type RegionField, codePointIndex, codePointSlice, colour, currentPick, currentRelationLabel, el,
  fieldsOf, isReadonly, labelSelect, nextId, t, utf16Index, announce,
} from './regions';
import { installTools, type Tools } from './tools';

interface SpanOwner {
  field: RegionField;
  id: string;
}

export function startTextWidget(section: HTMLElement): void {
  const stage = section.querySelector<HTMLElement>('[data-stage]');
  if (!stage) return;
  const readonly = isReadonly(section);
  const text = stage.textContent ?? '';
  const fields = fieldsOf(section);
  const spanFields = fields.filter((field) => field.type === 'spans');
  const relationFields = fields.filter((field) => field.type === 'relations');
  const byName = new Map(fields.map((field) => [field.name, field]));
  const owners = new Map<string, SpanOwner>();
  const list = section.querySelector<HTMLElement>('[data-region-list]')!;
  let pending: SpanOwner | null = null; // the span a relation starts from

  const anno: TextAnnotator = createTextAnnotator(stage, {
    annotatingEnabled: !readonly,
    renderer: 'SPANS',
    userSelectAction: readonly ? UserSelectAction.NONE : UserSelectAction.SELECT,
    style: (annotation) => {
      const owner = owners.get(annotation.id);
      const label = owner?.field.read().find((region) => region.id === owner.id)?.label ?? '';
      const pendingHere = pending && owner && pending.field === owner.field && pending.id === owner.id;
      return {
        fill: owner ? owner.field.labelColour(label) : colour(0),
        fillOpacity: pendingHere ? 0.55 : 0.25,
        underlineColor: owner ? owner.field.labelColour(label) : colour(0),
        underlineThickness: pendingHere ? 4 : 2,
        underlineOffset: 2,
      };
    },
  });

  const annotationOf = (field: RegionField, region: Region): TextAnnotation | null => {
    const start = Number(region.start);
    const end = Number(region.end);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start >= end) return null;
    const id = `${field.name}:${region.id}`;
    const from = utf16Index(text, start);
    const to = utf16Index(text, end);
    return {
      id,
      bodies: [],
      target: { annotation: id, selector: [{ quote: text.slice(from, to), start: from, end: to } as never] },
    };
  };

  // Every span drawn from the hidden fields: at the start and after an undo or redo.
  const load = (): void => {
    owners.clear();
    const shown: TextAnnotation[] = [];
    for (const field of spanFields) {
      for (const region of field.read()) {
        const annotation = annotationOf(field, region);
        if (annotation) {
          owners.set(annotation.id, { field, id: region.id });
          shown.push(annotation);
        }
      }
    }
    anno.setAnnotations(shown, true);
    if (selected && !selected.field.read().some((region) => region.id === selected!.id)) selected = null;
  };
  let selected: SpanOwner | null = null; // the span the worker clicked or whose row holds the focus
  load();

  const restyle = (): void => anno.renderer.redraw(true);

  const link = (to: SpanOwner): void => {
    if (!pending) return;
    const from = pending;
    pending = null;
    const relations = relationFields.find((field) => (field.spansControl || spanFields[0]?.name) === from.field.name);
    if (!relations || to.field !== from.field || to.id === from.id) {
      announce(section, t('link_cancelled', 'Link cancelled.'));
      render();
      return;
    }
    const label = currentRelationLabel(section, relations.name) || relations.labels[0]?.value || '';
    const existing = relations.read();
    if (!existing.some((r) => r.from === from.id && r.to === to.id && r.label === label)) {
      relations.write([...existing, { id: nextId('r', existing), from: from.id, to: to.id, label }]);
    }
    announce(section, t('linked', 'Linked.'));
    render();
  };

  const startLink = (owner: SpanOwner): void => {
    if (pending && pending.field === owner.field && pending.id === owner.id) {
      pending = null;
      announce(section, t('link_cancelled', 'Link cancelled.'));
    } else if (pending) {
      link(owner);
      return;
    } else {
      pending = owner;
      announce(section, t('link_pick_target', 'Now pick the span to link to.'));
    }
    render();
  };

  const removeSpan = (field: RegionField, id: string): void => {
    field.write(field.read().filter((region) => region.id !== id));
    for (const relations of relationFields) {
      const kept = relations.read().filter((r) => r.from !== id && r.to !== id);
      if (kept.length !== relations.read().length) relations.write(kept);
    }
    const annotationId = `${field.name}:${id}`;
    owners.delete(annotationId);
    anno.removeAnnotation(annotationId);
    if (pending?.id === id) pending = null;
    if (selected?.field === field && selected.id === id) selected = null;
    render();
  };

  let tools: Tools | null = null;
  const arrows = relationLayer(stage);
  const render = (): void => {
    restyle();
    arrows.draw(relationFields.flatMap((relations) => {
      const spans = byName.get(relations.spansControl) ?? spanFields[0];
      const byId = new Map((spans?.read() ?? []).map((span) => [span.id, span]));
      return relations.read().flatMap((relation) => {
        const from = byId.get(String(relation.from));
        const to = byId.get(String(relation.to));
        return from && to ? [{ from, to, label: relations.labelText(relation.label) }] : [];
      });
    }));
    list.replaceChildren();
    for (const field of spanFields) {
      const regions = field.read();
      const items = el('ol', { 'data-testid': `regions-${field.name}` });
      for (const region of regions) {
        const name = `“${String(region.text ?? '')}”`;
        const row = el('li', { 'data-region-id': region.id });
        if (selected?.field === field && selected.id === region.id) row.setAttribute('aria-current', 'true');
        row.addEventListener('focusin', () => { selected = { field, id: region.id }; tools?.refresh(); });
        row.append(el('span', { class: 'swatch', 'aria-hidden': 'true', style: `background:${field.labelColour(region.label)}` }));
        if (readonly) {
          row.append(el('strong', {}, field.labelText(region.label)), ` ${name}`);
        } else {
          const select = labelSelect(field, region.label, t('label_of', 'Label of %(name)s', { name }));
          select.addEventListener('change', () => {
            field.write(field.read().map((r) => (r.id === region.id ? { ...r, label: select.value } : r)));
            render();
          });
          row.append(`${name} `, select);
          if (relationFields.length > 0) {
            const isPending = pending?.field === field && pending.id === region.id;
            const linkButton = el(
              'button', { type: 'button', class: 'tool', 'data-testid': 'link-span', 'aria-pressed': String(isPending) },
              isPending ? t('link_cancel', 'Cancel link') : pending ? t('link_here', 'Link here') : t('link_from', 'Link'),
            );
            linkButton.setAttribute('aria-label', `${linkButton.textContent} ${name}`);
            if (isPending) row.classList.add('pending');
            linkButton.addEventListener('click', () => startLink({ field, id: region.id }));
            row.append(linkButton);
          }
          const remove = el('button', { type: 'button', class: 'tool', 'data-testid': 'remove-region' }, t('delete', 'Delete'));
          remove.setAttribute('aria-label', t('delete_named', 'Delete %(name)s', { name }));
          remove.addEventListener('click', () => removeSpan(field, region.id));
          row.append(remove);
        }
        items.append(row);
      }
      list.append(el('h4', {}, `${field.title} (${regions.length})`), items);
    }
    for (const relations of relationFields) {
      const spans = byName.get(relations.spansControl) ?? spanFields[0];
      const quote = (id: unknown): string => `“${String(spans?.read().find((s) => s.id === id)?.text ?? id)}”`;
      const items = el('ol', { 'data-testid': `regions-${relations.name}` });
      for (const relation of relations.read()) {
        const row = el('li', { 'data-region-id': relation.id });
        const words = `${quote(relation.from)} → ${quote(relation.to)}`;
        row.append(`${quote(relation.from)} `, el('span', { class: 'relation-arrow' }, `—${relations.labelText(relation.label)}→`), ` ${quote(relation.to)} `);
        if (!readonly) {
          const remove = el('button', { type: 'button', class: 'tool' }, t('delete', 'Delete'));
          remove.setAttribute('aria-label', t('delete_named', 'Delete %(name)s', { name: words }));
          remove.addEventListener('click', () => {
            relations.write(relations.read().filter((r) => r.id !== relation.id));
            render();
          });
          row.append(remove);
        }
        items.append(row);
      }
      list.append(el('h4', {}, `${relations.title} (${relations.read().length})`), items);
    }
    tools?.refresh();
  };

  if (!readonly) {
    anno.on('createAnnotation', (annotation: TextAnnotation) => {
      const pick = currentPick(section);
      const field = pick ? byName.get(pick.control) : undefined;
      const selector = annotation.target.selector[0];
      if (!pick || !field || !selector || selector.start >= selector.end) {
        anno.removeAnnotation(annotation.id);
        return;
      }
      const startPoint = codePointIndex(text, selector.start);
      const endPoint = codePointIndex(text, selector.end);
      const regions = field.read();
      if (regions.some((r) => r.start === startPoint && r.end === endPoint)) {
        // Marked already by keyboard (Enter) before the annotator read the same selection.
        anno.removeAnnotation(annotation.id);
        return;
      }
      const id = nextId('s', regions);
      owners.set(annotation.id, { field, id });
      field.write([...regions, { id, start: startPoint, end: endPoint, label: pick.label, text: codePointSlice(text, startPoint, endPoint) }]);
      anno.cancelSelected();
      render();
    });
    keyboardMarking(stage, section, (from, to) => {
      // The annotator may already have made this span from the same selection when Shift was let go.
      const pick = currentPick(section);
      const field = pick ? byName.get(pick.control) : undefined;
      if (!pick || !field || from >= to) return;
      const startPoint = codePointIndex(text, from);
      const endPoint = codePointIndex(text, to);
      const regions = field.read();
      if (regions.some((r) => r.start === startPoint && r.end === endPoint)) return;
      const id = nextId('s', regions);
      const region = { id, start: startPoint, end: endPoint, label: pick.label, text: codePointSlice(text, startPoint, endPoint) };
      field.write([...regions, region]);
      const annotation = annotationOf(field, region);
      if (annotation) {
        owners.set(annotation.id, { field, id });
        anno.addAnnotation(annotation);
      }
      announce(section, t('span_marked', 'Marked “%(text)s”.', { text: region.text }));
      render();
    });
    anno.on('clickAnnotation', (annotation: TextAnnotation) => {
      const owner = owners.get(annotation.id);
      if (owner && pending) link(owner);
    });
    anno.on('selectionChanged', (shown: TextAnnotation[]) => {
      selected = shown.length ? owners.get(shown[0].id) ?? null : null;
      tools?.refresh();
    });
    anno.on('deleteAnnotation', (annotation: TextAnnotation) => {
      const owner = owners.get(annotation.id);
      if (owner) removeSpan(owner.field, owner.id);
    });
    section.querySelector('[data-picker="regions"]')?.addEventListener('change', () => {
      // A picked label also relabels the span that is selected in the text.
      const pick = currentPick(section);
      for (const selected of anno.getSelected()) {
        const owner = owners.get(selected.id);
        if (pick && owner && owner.field.name === pick.control) {
          owner.field.write(owner.field.read().map((r) => (r.id === owner.id ? { ...r, label: pick.label } : r)));
        }
      }
      render();
    });
    tools = installTools(section, fields, {
      reload: () => { pending = null; load(); render(); },
      removeSelected: () => {
        if (!selected) return false;
        removeSpan(selected.field, selected.id);
        return true;
      },
      hasSelection: () => selected !== null,
    });
  }
  render();
}

const SVG = 'http://www.w3.org/2000/svg';

/**
 * Marking by keyboard: the text takes focus; arrows move the caret, Shift+arrows select, Enter marks the selection
 * with the picked label. Selection.modify moves the caret in text that is not editable.
 */
function keyboardMarking(stage: HTMLElement, section: HTMLElement, mark: (from: number, to: number) => void): void {
  const text = stage.firstChild;
  if (!(text instanceof Text)) return;
  stage.tabIndex = 0;
  stage.setAttribute('role', 'group');
  stage.setAttribute('aria-roledescription', t('text_role', 'text to mark'));
  stage.setAttribute('aria-keyshortcuts', 'Shift+ArrowRight Shift+ArrowLeft Home End Enter');
  const help = section.querySelector<HTMLElement>('[data-keyboard-help]');
  if (help) stage.setAttribute('aria-describedby', help.id);
  const inside = (selection: Selection): boolean =>
    selection.rangeCount > 0 && stage.contains(selection.anchorNode) && stage.contains(selection.focusNode);
  stage.addEventListener('focus', () => {
    const selection = document.getSelection();
    if (selection && !inside(selection)) selection.collapse(text, 0);
  });
  stage.addEventListener('keydown', (event) => {
    const selection = document.getSelection();
    if (!selection || event.altKey || event.metaKey) return;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      if (!inside(selection)) selection.collapse(text, 0);
      selection.modify(event.shiftKey ? 'extend' : 'move', event.key === 'ArrowRight' ? 'forward' : 'backward', event.ctrlKey ? 'word' : 'character');
      event.preventDefault();
    } else if (event.key === 'Home' || event.key === 'End') {
      const at = event.key === 'Home' ? 0 : text.length;
      if (event.shiftKey && inside(selection)) selection.extend(text, at);
      else selection.collapse(text, at);
      event.preventDefault();
    } else if (event.key === 'Enter' && !event.ctrlKey) {
      event.preventDefault(); // Enter here marks; it does not submit the form
      if (!inside(selection) || selection.isCollapsed || selection.anchorNode !== text || selection.focusNode !== text) return;
      const from = Math.min(selection.anchorOffset, selection.focusOffset);
      const to = Math.max(selection.anchorOffset, selection.focusOffset);
      selection.collapse(text, to);
      mark(from, to);
    }
  });
}

interface Arrow {
  from: Region;
  to: Region;
  label: string;
}

/** Our own relation layer: an arc from one span to the other over the text, with the relation's name. */
function relationLayer(stage: HTMLElement): { draw(arrows: Arrow[]): void } {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'relation-layer');
  svg.setAttribute('aria-hidden', 'true');
  // Beside the text, not inside it: the annotator counts every character inside its container.
  const host = stage.parentElement!;
  if (getComputedStyle(host).position === 'static') host.style.position = 'relative';
  host.append(svg);
  const text = stage.firstChild;
  const full = text?.textContent ?? '';
  let last: Arrow[] = [];
  const spot = (span: Region): { x: number; y: number } | null => {
    if (!(text instanceof Text)) return null;
    const range = document.createRange();
    range.setStart(text, utf16Index(full, Number(span.start)));
    range.setEnd(text, utf16Index(full, Number(span.end)));
    const box = range.getClientRects()[0];
    const origin = host.getBoundingClientRect();
    return box ? { x: box.left - origin.left + box.width / 2, y: box.top - origin.top } : null;
  };
  const draw = (arrows: Arrow[]): void => {
    last = arrows;
    svg.replaceChildren();
    for (const arrow of arrows) {
      const a = spot(arrow.from);
      const b = spot(arrow.to);
      if (!a || !b) continue;
      const lift = Math.max(14, Math.abs(b.x - a.x) / 6);
      const top = Math.min(a.y, b.y) - lift;
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', `M ${a.x} ${a.y} C ${a.x} ${top}, ${b.x} ${top}, ${b.x} ${b.y}`);
      path.setAttribute('class', 'relation-path');
      const label = document.createElementNS(SVG, 'text');
      label.setAttribute('x', String((a.x + b.x) / 2));
      label.setAttribute('y', String(top + 8));
      label.setAttribute('text-anchor', 'middle');
      label.textContent = arrow.label;
      const head = document.createElementNS(SVG, 'path');
      head.setAttribute('d', `M ${b.x - 4} ${b.y - 7} L ${b.x} ${b.y} L ${b.x + 4} ${b.y - 7}`);
      head.setAttribute('class', 'relation-path');
      svg.append(path, head, label);
    }
  };
  window.addEventListener('resize', () => draw(last));
  return { draw };
}
