import type { Args, Decorator, StoryContext } from '@storybook/react-vite';

type Globals = StoryContext['globals'];

/** Plain data compares by value (Storybook may hand the story a copy of its initial args). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/**
 * The args the story itself sets (its own `args`, not the meta's or the project's). In CSF Next
 * the story's module export is its input annotations, here and under the Vitest plugin alike.
 */
function storyOwnArgs(context: StoryContext): Args {
  return (context.moduleExport as { args?: Args } | undefined)?.args ?? {};
}

/**
 * A decorator that sets args from toolbar globals: `pick(globals)` names the args and the values
 * the toolbar asks for. An arg is set only where the story's component takes it (it is among the
 * story's argTypes), the story does not set it itself, and nobody changed it in Controls: a story
 * written to show one theme keeps it, and Controls still win over the toolbar.
 */
export function argsFromGlobals(pick: (globals: Globals) => Args): Decorator {
  return (Story, context) => {
    const own = storyOwnArgs(context);
    let update: Args | undefined;
    for (const [name, value] of Object.entries(pick(context.globals))) {
      if (value === undefined || !(name in context.argTypes) || name in own) continue;
      if (!sameValue(context.args[name], context.initialArgs[name])) continue;
      (update ??= {})[name] = value;
    }
    return update === undefined ? <Story /> : <Story args={{ ...context.args, ...update }} />;
  };
}
