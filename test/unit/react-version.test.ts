import { version } from 'react';
import { version as domVersion } from 'react-dom';
import { expect, test } from 'vitest';

// The unit and integration suites run once per supported React major; this proves the
// React 18 projects really load React 18 (and the others React 19).
test('runs against the React major this project claims', () => {
  const expected = process.env.STREAMKIT_EXPECT_REACT;
  expect(expected).toMatch(/^(18|19)$/);
  expect(version.split('.')[0]).toBe(expected);
  expect(domVersion.split('.')[0]).toBe(expected);
});
