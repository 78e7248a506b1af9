// Preview annotations (addons, MSW worker, a11y) are applied by @storybook/addon-vitest from
// .storybook/preview.tsx; nothing else is needed here.
export {};
