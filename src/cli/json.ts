/**
 * `--json` output for reports of any size. JSON.stringify builds one string, and V8 caps a
 * string at 2^29 − 24 characters (about 512 MB): the report of an inventory at Excel's full
 * grid (1,048,575 rows, each with its rationale, action and issues) is larger, and
 * JSON.stringify fails with "Invalid string length". So the report's arrays and objects are
 * written piece by piece here, in JSON.stringify's own layout (two-space indent), and every
 * value inside them — strings with their escapes, numbers, booleans, null — is still encoded
 * by JSON.stringify itself; only the brackets, commas and indentation are ours. The text is
 * identical to `JSON.stringify(value, null, 2)` (test/cli/json.test.ts).
 */

/** Text handed to `write` at a time: big enough for few writes, far below the cap. */
const FLUSH_CHARS = 1 << 20;

/** Writes `JSON.stringify(value, null, 2)` through `write`, in pieces of about a megabyte. */
export function writeJson(value: unknown, write: (text: string) => void): void {
  let buffered: string[] = [];
  let size = 0;
  const out = (text: string): void => {
    buffered.push(text);
    size += text.length;
    if (size >= FLUSH_CHARS) {
      write(buffered.join(''));
      buffered = [];
      size = 0;
    }
  };
  emit(value, '', out);
  if (size > 0) write(buffered.join(''));
}

/** True for what JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function emit(value: unknown, indent: string, out: (text: string) => void): void {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  ) {
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      if (value.length === 0) return out('[]');
      out('[\n');
      value.forEach((v: unknown, i) => {
        out(inner);
        emit(omitted(v) ? null : v, inner, out);
        out(i < value.length - 1 ? ',\n' : '\n');
      });
      return out(`${indent}]`);
    }
    const entries = Object.entries(value).filter(([, v]) => !omitted(v));
    if (entries.length === 0) return out('{}');
    out('{\n');
    entries.forEach(([k, v], i) => {
      out(`${inner}${JSON.stringify(k)}: `);
      emit(v, inner, out);
      out(i < entries.length - 1 ? ',\n' : '\n');
    });
    return out(`${indent}}`);
  }
  // A leaf (or an object with toJSON, such as a Date): JSON.stringify's own text, indented as
  // it would be at this depth.
  const text = JSON.stringify(value, null, 2) ?? 'null';
  out(indent === '' ? text : text.replace(/\n/g, `\n${indent}`));
}
