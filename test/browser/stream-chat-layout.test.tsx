import '../../src/styles.css';
import { render } from '@testing-library/react';
import { expect, test } from 'vitest';
import { StreamingText } from '../../src/index.js';

// Layout and paint cost per token stays flat over a long reply because the open block's parent
// has two children whatever the reply's length: one contained box of finished blocks (whose
// size does not change while the open block grows) and the open block. bench/chat-render.mjs
// measures the effect (end/start ≈ 1.0 with it, ≈ 1.7–2.0 without); this test keeps the
// structure that produces it, by counts, not by time.
test('a long streaming reply keeps finished blocks in one contained box beside the open block', () => {
  let text = '';
  const { container, rerender } = render(<StreamingText text={text} streaming />);
  for (let paragraph = 0; paragraph < 60; paragraph++) {
    text += `Párrafo ${paragraph}: los tacos al pastor llevan piña.\n\n`;
    rerender(<StreamingText text={text} streaming />);
  }
  text += 'Y el último párrafo sigue abierto';
  rerender(<StreamingText text={text} streaming />);

  const root = container.querySelector('[data-sk-text]')!;
  const children = [...root.children];
  expect(children).toHaveLength(2);
  const [closed, open] = children as [HTMLElement, HTMLElement];
  expect(closed).toHaveAttribute('data-sk-closed-blocks');
  expect(closed.querySelectorAll('[data-sk-block]')).toHaveLength(60);
  expect(open).toHaveAttribute('data-open', 'true');
  const contain = getComputedStyle(closed).contain;
  expect(contain).toContain('layout');
  expect(contain).toContain('paint');
});
