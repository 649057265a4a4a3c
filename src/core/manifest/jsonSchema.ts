// The JSON Schema of intent.yaml for the YAML language server, generated from the zod schema the core uses.
import * as z from 'zod';
import { manifestSchema } from './manifestSchema';

export function manifestJsonSchema(): object {
  const generated = z.toJSONSchema(manifestSchema, { target: 'draft-07', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'Intent Lens manifest (intent.yaml)',
    description:
      'Objectives, key results, user problems, technical constraints and tech debt of a product, and which code serves them.',
    ...rest,
  };
}
