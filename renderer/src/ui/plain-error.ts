/**
 * Turns any failure the renderer sees into words a marketer can act on, and the form field it
 * concerns. Errors cross the IPC boundary as AppError (code, message, path); their messages are
 * written for the CLI and the log as much as for people, so they can start with the call's name
 * ("workspace.save: name: ...") and a JSON path ("rule.all[1].min_count: ..."), and zod's own
 * wording ("Too small: expected number to be >=0.001"). None of that belongs in front of a user:
 * toasts and field messages go through `plainError` and show only what it returns.
 */
import { toAppError } from '../../../shared/errors';

export interface PlainError {
  /** The input's top-level field the problem is about (`name`, `effect`, `url`), when there is one. */
  field?: string;
  /** The problem in plain words, naming the field by its label. */
  message: string;
}

/** Field labels by input key, for messages; unknown keys read as words ("users_per_variant" -> "Users per variant"). */
export type FieldLabels = Readonly<Record<string, string>>;

const CALL_PREFIX = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*: /;
// A JSON path as the dispatcher and specs write it: `name`, `rule.all[1].min_count`, `models.3.half_life_days`.
const PATH_PREFIX = /^([A-Za-z_][\w]*(?:\[\d+\]|\.[\w]+)*): /;

/** Plain words for the failures whose own message is about the machinery, not the user's input. */
const BY_CODE: Partial<Record<string, string>> = {
  host_unreachable: 'Meshwork lost contact with its background process. Restart the app.',
  engine_crashed: 'The analysis engine stopped unexpectedly. Try again; if it keeps happening, restart the app.',
  engine_closed: 'The analysis engine is restarting. Try again in a moment.',
  bad_answer: 'Meshwork received an answer it does not understand. Try again; if it keeps happening, restart the app.',
  unknown_call: 'This version of Meshwork does not offer that action. Restart the app after an update.',
  internal_error: 'Something went wrong inside Meshwork. Try again; if it keeps happening, restart the app.',
};

function words(key: string): string {
  const text = key
    .replace(/\[\d+\]/g, '')
    .replace(/[_.]+/g, ' ')
    .trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'This value';
}

/** zod's default wording, rephrased; messages written for people ("Give it a name") pass through. */
function rephrase(text: string): string {
  let m: RegExpMatchArray | null;
  if (/^Too small: expected string to have >=1 characters?$/.test(text)) return 'cannot be empty';
  if ((m = text.match(/^Too small: expected string to have >=?(\d+) characters?$/))) return `needs at least ${m[1]} characters`;
  if ((m = text.match(/^Too big: expected string to have <=?(\d+) characters?$/))) return `must be at most ${m[1]} characters long`;
  if ((m = text.match(/^Too small: expected number to be >=(.+)$/))) return `must be at least ${m[1]}`;
  if ((m = text.match(/^Too small: expected number to be >(.+)$/))) return `must be more than ${m[1]}`;
  if ((m = text.match(/^Too big: expected number to be <=(.+)$/))) return `must be at most ${m[1]}`;
  if ((m = text.match(/^Too big: expected number to be <(.+)$/))) return `must be less than ${m[1]}`;
  if ((m = text.match(/^Too (small|big): expected array to have ([<>]=?)(\d+) items?$/)))
    return m[2]!.startsWith('>') ? `needs at least ${m[3]} item${m[3] === '1' ? '' : 's'}` : `can have at most ${m[3]} items`;
  if (/^Invalid input: expected \w+, received (undefined|null)$/.test(text)) return 'is required';
  if (/^Invalid input: expected int, received number$/.test(text)) return 'must be a whole number';
  if (/^Invalid input: expected number/.test(text)) return 'must be a number';
  if (/^Invalid option/.test(text)) return 'is not one of the choices offered';
  if (/^Invalid URL$/.test(text)) return 'must be a web address such as https://mesh.example.com';
  if (/^Invalid string: must match pattern/.test(text)) return 'is not in the expected format';
  if (/^Unrecognized keys?:/.test(text)) return 'has a setting this version of Meshwork does not know';
  return text;
}

/** `must be ...` reads after the field's name; a sentence of its own ("Give it a name") stands alone. */
function sentence(label: string | undefined, text: string): string {
  const body = rephrase(text.trim());
  const startsLower = /^[a-z]/.test(body);
  const full = startsLower ? `${label ?? 'This value'} ${body}` : body;
  return /[.!?]$/.test(full) ? full : `${full}.`;
}

function topField(path: string): string | undefined {
  const first = path.split(/[.[]/)[0];
  return first ? first : undefined;
}

/**
 * An error as {field, message}: the internal call name and JSON paths are removed, zod's wording
 * is rephrased, and the field is the first segment of the error's path (or of the path its
 * message starts with). Several problems joined by "; " become sentences about the first field.
 */
export function plainError(error: unknown, labels: FieldLabels = {}): PlainError {
  const app = toAppError(error);
  const known = BY_CODE[app.code];
  if (known) return { message: known };
  const raw = app.message.replace(CALL_PREFIX, '');
  let field = app.path ? topField(app.path) : undefined;
  const parts = raw
    .split(/; (?=[A-Za-z_][\w.[\]]*: )/)
    .map((part) => {
      const match = part.match(PATH_PREFIX);
      const path = match?.[1];
      const rest = match ? part.slice(match[0].length) : part;
      const key = path ? topField(path) : field;
      field ??= key;
      // A label names the field; deeper paths (rule.all[1].min_count) are named by their last part.
      const leaf = path
        ?.split(/[.[\]]+/)
        .filter((seg) => seg && !/^\d+$/.test(seg))
        .slice(1)
        .pop();
      const label = key ? (labels[key] ?? (leaf ? words(leaf) : words(key))) : undefined;
      return sentence(key === 'input' ? undefined : label, rest);
    })
    .filter((s, i, all) => all.indexOf(s) === i);
  if (field === 'input') field = undefined;
  const message = parts.join(' ') || 'Something went wrong. Try again.';
  return field ? { field, message } : { message };
}

/** The message for one field when the error concerns it, for showing under that field. */
export function fieldError(error: unknown, field: string, labels: FieldLabels = {}): string | undefined {
  if (!error) return undefined;
  const plain = plainError(error, labels);
  return plain.field === field ? plain.message : undefined;
}
