import { describe, expect, it } from 'vitest';

import { formatRemaining } from './academy_timer';

describe('formatRemaining', () => {
  it('shows minutes and seconds', () => {
    expect(formatRemaining(125_000)).toBe('2:05');
  });
  it('never goes below zero', () => {
    expect(formatRemaining(-5_000)).toBe('0:00');
  });
});
