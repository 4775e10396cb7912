import { ChecklistSchema, type Checklist } from '../domain/checklist';

/**
 * The checklist as JSON: keys in schema order whatever order the object was built in (the schema's parse rebuilds
 * every object), two-space indent, one trailing newline. Same checklist, same bytes.
 */
export function toJson(c: Checklist): string {
  return `${JSON.stringify(ChecklistSchema.parse(c), null, 2)}\n`;
}
